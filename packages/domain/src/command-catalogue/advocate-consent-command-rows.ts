import type { CommandRows } from './command-definition';
import { GRANT_CONSENT_PAYLOAD, RENEW_CONSENT_PAYLOAD, WITHDRAW_CONSENT_PAYLOAD } from './shared-payloads';

/** The catalogue rows of an advocate's consents (invariants 1 and 5). */
export const ADVOCATE_CONSENT_COMMANDS = {
  GrantConsent: {
    aggregate: 'Advocate',
    description: "Record an advocate's consent.",
    payload: GRANT_CONSENT_PAYLOAD,
  },
  RenewConsent: {
    aggregate: 'Advocate',
    description: "Renew an advocate's consent.",
    payload: RENEW_CONSENT_PAYLOAD,
  },
  WithdrawConsent: {
    aggregate: 'Advocate',
    description:
      'Withdraw a consent: pending engagements for the withdrawn kinds are released and dependent content suspended.',
    payload: WITHDRAW_CONSENT_PAYLOAD,
  },
  RecordConsentExpiry: {
    aggregate: 'Advocate',
    description: "Record that a consent's validity has ended, releasing what relied on it.",
    payload: {
      consentId: { kind: 'id', description: 'The consent that expired.' },
    },
  },
} satisfies CommandRows<'GrantConsent' | 'RenewConsent' | 'WithdrawConsent' | 'RecordConsentExpiry'>;
