import type { AdvocateAttributesData, AdvocateContactData } from '../advocate/advocate-commands';
import type { GrantConsentData, RenewConsentData, WithdrawConsentData } from '../consent/consent-commands';
import type { FieldsOf } from './payload-schema';

// Payloads several commands share: an advocate's consent and the company's own take the same
// terms; enrolment takes the contact and attributes that the two updates correct.

/** How a consent (or its renewal) was collected, with its evidence. */
const collection = (what: string) =>
  ({
    collectionMethod: {
      kind: 'enum',
      of: 'ConsentCollectionMethod',
      description: `How the ${what} was collected.`,
    },
    collectedAt: { kind: 'instant', description: 'When it was collected.' },
    evidenceHash: {
      kind: 'text',
      description: 'SHA-256 (hex) of the signed document or recording.',
      optional: true,
    },
    noticeVersion: { kind: 'text', description: 'Version of the privacy notice the holder was shown.' },
  }) as const;

/** The terms of a new consent and how it was collected (ISO/IEC TS 27560). */
export const GRANT_CONSENT_PAYLOAD: FieldsOf<GrantConsentData> = {
  consentId: { kind: 'id', description: 'Id of the new consent.' },
  kinds: { kind: 'enumList', of: 'ActivityKind', description: 'The activity kinds permitted.' },
  territories: {
    kind: 'textList',
    description: 'Region or country codes where uses are permitted; `GLOBAL` covers every territory.',
  },
  channels: { kind: 'enumList', of: 'Channel', description: 'The channels uses may be made in.' },
  validFrom: { kind: 'instant', description: 'From when the consent is in force.' },
  validUntil: {
    kind: 'instant',
    description: 'Until when it is in force; open-ended when omitted.',
    optional: true,
  },
  maxUses: {
    kind: 'int',
    min: 1,
    max: 10000,
    description: 'At most this many uses; unlimited when omitted.',
    optional: true,
  },
  perUseApprovalRequired: {
    kind: 'boolean',
    description: 'Whether each use needs the holder’s own approval.',
    optional: true,
  },
  ...collection('consent'),
};

/** New terms of a renewed consent; its version goes up by one. */
export const RENEW_CONSENT_PAYLOAD: FieldsOf<RenewConsentData> = {
  consentId: { kind: 'id', description: 'The consent to renew.' },
  validUntil: { kind: 'instant', description: 'New end of validity.', optional: true },
  maxUses: { kind: 'int', min: 1, max: 10000, description: 'New maximum of uses.', optional: true },
  ...collection('renewal'),
};

/** What is withdrawn of a consent, wholly or some kinds. */
export const WITHDRAW_CONSENT_PAYLOAD: FieldsOf<WithdrawConsentData> = {
  consentId: { kind: 'id', description: 'The consent to withdraw.' },
  kinds: {
    kind: 'enumList',
    of: 'ActivityKind',
    description: 'Only these kinds; every kind of the consent when omitted.',
    optional: true,
  },
  reason: { kind: 'text', long: true, description: 'Why, in the holder’s words if possible.' },
};

/** An advocate's contact details: personal data, encrypted under the advocate's key. */
export const CONTACT_PAYLOAD: FieldsOf<AdvocateContactData> = {
  name: { kind: 'text', description: 'Full name (personal data).' },
  email: { kind: 'email', description: 'Email address (personal data).' },
  phone: { kind: 'text', description: 'Phone number (personal data).', optional: true },
  title: { kind: 'text', description: 'Job title (personal data).' },
};

/** What an advocate can speak to. */
export const ATTRIBUTES_PAYLOAD: FieldsOf<AdvocateAttributesData> = {
  seniority: { kind: 'enum', of: 'Seniority', description: 'Title level.' },
  products: { kind: 'textList', description: 'Products the advocate can speak to.' },
  useCases: { kind: 'textList', description: 'Use cases the advocate can speak to.' },
  languages: { kind: 'textList', description: 'Languages the advocate speaks (e.g. `en`, `de`).' },
  topics: { kind: 'textList', description: 'Topics the advocate likes to speak about.', optional: true },
};
