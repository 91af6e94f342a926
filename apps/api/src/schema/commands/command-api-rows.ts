import { engagementIdFor } from '@vouch/application';
import type { AnyPayloadShape, CommandType } from '@vouch/domain';

/** How one command's GraphQL input differs from its payload (most commands need no row). */
export interface CommandApiRow {
  /** An input type several commands share (default: `<CommandType>Input`, described as the command). */
  readonly input?: { readonly name: string; readonly description: string };
  /** The payload travels in one nested field of its own type (e.g. a consent's terms). */
  readonly wrapIn?: {
    readonly field: string;
    readonly description: string;
    readonly type: string;
    readonly typeDescription: string;
  };
  /** Data fields the API computes instead of taking them as input. */
  readonly derived?: Readonly<Record<string, (input: Readonly<Record<string, unknown>>) => unknown>>;
  /** Map fields taken as a list of `{ key, value }` entries (GraphQL has no maps). */
  readonly entries?: Readonly<
    Record<
      string,
      {
        readonly field: string;
        readonly key: string;
        readonly value: string;
        readonly shape: AnyPayloadShape;
      }
    >
  >;
}

const REASON = 'A command on an advocate that needs a reason (retire, do not contact, erasure).';
const CANDIDATE = 'Names one candidate advocate of a request.';
const CANDIDATE_REASON =
  'A decision on a candidate that needs a reason (owner declines, program manager overrides).';
const NOMINATION_REASON = 'Reject or withdraw a nomination, with a reason.';
const GRANT_TERMS = {
  field: 'consent',
  description: 'The terms of the consent.',
  type: 'GrantConsentTerms',
  typeDescription: 'The terms of a new consent and how it was collected (ISO/IEC TS 27560).',
};
const RENEW_TERMS = {
  field: 'consent',
  description: 'The renewed terms.',
  type: 'RenewConsentTerms',
  typeDescription: 'New terms of a renewed consent; its version goes up by one.',
};
const WITHDRAW_TERMS = {
  field: 'withdrawal',
  description: 'What is withdrawn.',
  type: 'WithdrawConsentTerms',
  typeDescription: 'What to withdraw of a consent, wholly or some kinds. Takes effect at once.',
};

/**
 * The API's exceptions to "the input is the command's payload plus `commandId` and the id of
 * the aggregate": shared input types, wrapped terms, derived ids and map fields.
 */
export const COMMAND_API_ROWS: Readonly<Partial<Record<CommandType, CommandApiRow>>> = {
  SetFatiguePolicy: {
    entries: {
      maxPerKindPerWindow: {
        field: 'kindLimits',
        key: 'kind',
        value: 'max',
        shape: {
          name: 'KindLimit',
          description: 'A tighter limit for one activity kind within the fatigue window.',
          fields: {
            kind: { kind: 'enum', of: 'ActivityKind', description: 'The activity kind.' },
            max: {
              kind: 'int',
              min: 0,
              max: 10_000,
              description: 'At most this many engagements of the kind per window.',
            },
          },
        },
      },
    },
  },
  GrantAccountConsent: { wrapIn: GRANT_TERMS },
  RenewAccountConsent: { wrapIn: RENEW_TERMS },
  WithdrawAccountConsent: { wrapIn: WITHDRAW_TERMS },
  GrantConsent: { wrapIn: GRANT_TERMS },
  RenewConsent: { wrapIn: RENEW_TERMS },
  WithdrawConsent: { wrapIn: WITHDRAW_TERMS },
  ActivateAdvocate: {
    input: {
      name: 'AdvocateCommand',
      description: 'Names one advocate for a command that needs nothing else.',
    },
  },
  ReactivateAdvocate: {
    input: {
      name: 'AdvocateCommand',
      description: 'Names one advocate for a command that needs nothing else.',
    },
  },
  RetireAdvocate: { input: { name: 'AdvocateReason', description: REASON } },
  MarkDoNotContact: { input: { name: 'AdvocateReason', description: REASON } },
  RequestErasure: { input: { name: 'AdvocateReason', description: REASON } },
  AcceptEngagement: {
    input: { name: 'EngagementCommand', description: 'Names one engagement of an advocate.' },
  },
  RejectNomination: { input: { name: 'NominationReason', description: NOMINATION_REASON } },
  WithdrawNomination: { input: { name: 'NominationReason', description: NOMINATION_REASON } },
  RequestOwnerApproval: { input: { name: 'CandidateCommand', description: CANDIDATE } },
  AskAdvocate: {
    // The workflow reserves the engagement under the id it derives from request and advocate.
    derived: {
      engagementId: (input) => engagementIdFor(String(input.requestId), String(input.advocateId)),
    },
  },
  // Self-serve reserves the engagement under the same derived id as an ask.
  TakeFromSelfServePool: {
    derived: {
      engagementId: (input) => engagementIdFor(String(input.requestId), String(input.advocateId)),
    },
  },
  DeclineAsk: { input: { name: 'CandidateReason', description: CANDIDATE_REASON } },
  OverrideOwnerApproval: { input: { name: 'CandidateReason', description: CANDIDATE_REASON } },
  LapseRequest: {
    input: {
      name: 'RequestCommand',
      description: 'Names one request for a command that needs nothing else.',
    },
  },
};
