import type {
  AdvocateStatus as AdvocateStatusValue,
  AggregateName as AggregateNameValue,
  CandidateStatus as CandidateStatusValue,
  ConsentGap as ConsentGapValue,
  ContentStatus as ContentStatusValue,
  Freshness as FreshnessValue,
  NominationStatus as NominationStatusValue,
  RequestStatus as RequestStatusValue,
  SlaState as SlaStateValue,
} from '@vouch/domain';
import type { BreakReason as BreakReasonValue } from '@vouch/event-store';
import type {
  AuditSubjectKindValue,
  AvailabilityReasonResult,
  ReplaySubjectKindValue,
} from '../common/facade-types';
import { enumOf, registerDescribedEnum } from './enum-of';

// The read models' value sets as GraphQL enums. The domain states them as union types, so
// each list is checked against its union both ways: a value added in the domain fails the
// build here until the schema has it too.

type Exactly<Union, List extends readonly Union[]> = [Union] extends [List[number]] ? List : never;
const exactly =
  <Union>() =>
  <const List extends readonly Union[]>(list: Exactly<Union, List>): List =>
    list;

export const AdvocateStatus = enumOf(
  exactly<AdvocateStatusValue>()([
    'NONE',
    'CANDIDATE',
    'ACTIVE',
    'RESTING',
    'RETIRED',
    'DO_NOT_CONTACT',
    'ERASED',
  ]),
);
registerDescribedEnum(AdvocateStatus, {
  name: 'AdvocateStatus',
  description: 'CANDIDATE → ACTIVE ↔ RESTING → RETIRED, plus DO_NOT_CONTACT and ERASED (NONE: unknown).',
  values: {
    NONE: 'Not enrolled (unknown to the program).',
    CANDIDATE: 'Enrolled, not yet activated: cannot be asked yet.',
    ACTIVE: 'Can be asked (within consent and fatigue limits).',
    RESTING: 'Not to be asked until a date.',
    RETIRED: 'No longer a reference; never asked.',
    DO_NOT_CONTACT: 'Must never be contacted again.',
    ERASED: 'Personal data destroyed; never asked.',
  },
});

export const Freshness = enumOf(exactly<FreshnessValue>()(['FRESH', 'DUE', 'STALE']));
registerDescribedEnum(Freshness, {
  name: 'Freshness',
  description: 'How recently a profile was verified, against the program’s freshness policy.',
  values: {
    FRESH: 'Verified recently enough.',
    DUE: 'Due for verification.',
    STALE: 'Not verified for too long: data may be wrong.',
  },
});

export const AdvocateViewKind = enumOf(['FULL', 'ANONYMISED'] as const);
registerDescribedEnum(AdvocateViewKind, {
  name: 'AdvocateViewKind',
  description:
    'FULL: contact and account details included. ANONYMISED: company, title level and attributes only — what a requester sees until the advocate accepted one of their requests.',
  values: {
    FULL: 'Every field the caller may see, contact and account details included.',
    ANONYMISED: 'Company, title level and attributes only; personal and account-internal fields are null.',
  },
});

export const RequestStatus = enumOf(
  exactly<RequestStatusValue>()([
    'NONE',
    'SUBMITTED',
    'TRIAGED',
    'SHORTLISTED',
    'IN_PROGRESS',
    'FULFILLED',
    'COMPLETED',
    'CLOSED',
    'CANCELLED',
    'LAPSED',
  ]),
);
registerDescribedEnum(RequestStatus, {
  name: 'RequestStatus',
  description:
    'submitted → triaged → shortlisted → in progress (asks out) → fulfilled (enough accepted) → completed (activities done) → closed (outcome); or cancelled / lapsed.',
  values: {
    NONE: 'No such request.',
    SUBMITTED: 'Submitted, awaiting triage.',
    TRIAGED: 'Triaged: priority set.',
    SHORTLISTED: 'Candidates shortlisted.',
    IN_PROGRESS: 'Asks are out.',
    FULFILLED: 'Enough advocates accepted.',
    COMPLETED: 'The activities took place.',
    CLOSED: 'The outcome was recorded.',
    CANCELLED: 'Cancelled by the requester or the program.',
    LAPSED: 'Passed its due date unfulfilled.',
  },
});

export const CandidateStatus = enumOf(
  exactly<CandidateStatusValue>()([
    'SHORTLISTED',
    'APPROVAL_REQUESTED',
    'OWNER_APPROVED',
    'OWNER_DECLINED',
    'ASKED',
    'ACCEPTED',
    'DECLINED',
    'SCHEDULED',
    'COMPLETED',
    'MISSED',
    'RELEASED',
  ]),
);
registerDescribedEnum(CandidateStatus, {
  name: 'CandidateStatus',
  description: "One shortlisted advocate's own way through a request.",
  values: {
    SHORTLISTED: 'Shortlisted for the request.',
    APPROVAL_REQUESTED: "Waiting for the account owner's approval.",
    OWNER_APPROVED: 'The account owner approved asking.',
    OWNER_DECLINED: 'The account owner declined asking.',
    ASKED: 'Asked; reserved for the activity.',
    ACCEPTED: 'The advocate accepted.',
    DECLINED: 'The advocate declined.',
    SCHEDULED: 'The activity is scheduled.',
    COMPLETED: 'The activity took place.',
    MISSED: 'The scheduled call was not proven to have taken place in time (no-show).',
    RELEASED: 'Released from the request.',
  },
});

export const SlaState = enumOf(exactly<SlaStateValue>()(['ON_TRACK', 'AT_RISK', 'BREACHED', 'MET']));
registerDescribedEnum(SlaState, {
  name: 'SlaState',
  description:
    'ON_TRACK; AT_RISK (less than a fifth of the time left); BREACHED; MET once fulfilled in time.',
  values: {
    ON_TRACK: 'Within its SLA.',
    AT_RISK: 'Less than a fifth of the time left.',
    BREACHED: 'Past its due time.',
    MET: 'Fulfilled in time.',
  },
});

export const ConsentGap = enumOf(
  exactly<ConsentGapValue>()([
    'NO_CONSENT',
    'KIND_NOT_COVERED',
    'OUT_OF_SCOPE',
    'NOT_YET_VALID',
    'EXPIRED',
    'WITHDRAWN',
    'MAX_USES_REACHED',
  ]),
);
registerDescribedEnum(ConsentGap, {
  name: 'ConsentGap',
  description: 'Why no consent covers a use (invariant 1, the consent gate).',
  values: {
    NO_CONSENT: 'No consent at all.',
    KIND_NOT_COVERED: 'No consent covers the activity kind.',
    OUT_OF_SCOPE: 'The territory or channel is not covered.',
    NOT_YET_VALID: 'The consent is not valid yet at that date.',
    EXPIRED: 'The consent has expired.',
    WITHDRAWN: 'The consent was withdrawn for that kind.',
    MAX_USES_REACHED: "The consent's uses are used up.",
  },
});

export const AvailabilityReasonCode = enumOf(
  exactly<AvailabilityReasonResult['code']>()([
    'NOT_ENROLLED',
    'CANDIDATE',
    'RETIRED',
    'DO_NOT_CONTACT',
    'ERASED',
    'RESTING',
    'FATIGUED',
    'CONSENT',
    'SUPPRESSED',
  ]),
);
registerDescribedEnum(AvailabilityReasonCode, {
  name: 'AvailabilityReasonCode',
  description:
    'Why an advocate cannot be asked: their status (NOT_ENROLLED, CANDIDATE, RETIRED, DO_NOT_CONTACT, ERASED), RESTING or FATIGUED until a date, a CONSENT gap, or their account SUPPRESSED by a program rule.',
  values: {
    NOT_ENROLLED: 'No such advocate.',
    CANDIDATE: 'Still a candidate: not activated.',
    RETIRED: 'Retired.',
    DO_NOT_CONTACT: 'Marked do-not-contact.',
    ERASED: 'Erased.',
    RESTING: 'Resting until a date.',
    FATIGUED: 'A fatigue limit is reached until a date.',
    CONSENT: 'No consent covers the use (see `gap`).',
    SUPPRESSED: 'The account is suppressed by an automatic rule (see `rule`) until the condition ends.',
  },
});

export const NominationStatus = enumOf(
  exactly<NominationStatusValue>()(['NONE', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN']),
);
registerDescribedEnum(NominationStatus, {
  name: 'NominationStatus',
  description: 'Submitted → approved / rejected / withdrawn.',
  values: {
    NONE: 'No such nomination.',
    SUBMITTED: "Awaiting a program manager's decision.",
    APPROVED: 'Approved; the candidate is enrolled.',
    REJECTED: 'Rejected.',
    WITHDRAWN: 'Withdrawn by the nominator or the program.',
  },
});

export const ContentStatus = enumOf(
  exactly<ContentStatusValue>()(['NONE', 'DRAFT', 'APPROVED', 'PUBLISHED', 'SUSPENDED', 'RETIRED']),
);
registerDescribedEnum(ContentStatus, {
  name: 'ContentStatus',
  description: 'A content asset’s lifecycle; SUSPENDED when a consent it relies on is withdrawn or expires.',
  values: {
    NONE: 'No such asset.',
    DRAFT: 'Being drafted.',
    APPROVED: 'The customer signed it off.',
    PUBLISHED: 'In use.',
    SUSPENDED: 'Out of use until reinstated (a consent was withdrawn or expired).',
    RETIRED: 'Out of use for good.',
  },
});

export const AccountStatus = enumOf(['ACTIVE', 'ARCHIVED'] as const);
registerDescribedEnum(AccountStatus, {
  name: 'AccountStatus',
  description: 'Whether an account is in use.',
  values: {
    ACTIVE: 'A current customer.',
    ARCHIVED: 'No longer a customer.',
  },
});

export const AuditSubjectKind = enumOf(
  exactly<AuditSubjectKindValue>()([
    'advocate',
    'account',
    'request',
    'content',
    'consent',
    'nomination',
    'program',
  ]),
);
registerDescribedEnum(AuditSubjectKind, {
  name: 'AuditSubjectKind',
  description: 'What an audit history can be asked about (a consent gathers every use that relied on it).',
  values: {
    advocate: 'An advocate.',
    account: 'An account.',
    request: 'A reference request.',
    content: 'A content asset.',
    consent: 'A consent: its grant, renewals, withdrawal, expiry and every use that relied on it.',
    nomination: 'A nomination.',
    program: 'The program (one per tenant).',
  },
});

export const ReplaySubjectKind = enumOf(
  exactly<ReplaySubjectKindValue>()(['advocate', 'account', 'request', 'content', 'nomination', 'program']),
);
registerDescribedEnum(ReplaySubjectKind, {
  name: 'ReplaySubjectKind',
  description: 'A subject with a stream of its own, whose state can be replayed as of an instant.',
  values: {
    advocate: 'An advocate.',
    account: 'An account.',
    request: 'A reference request.',
    content: 'A content asset.',
    nomination: 'A nomination.',
    program: 'The program (one per tenant).',
  },
});

export const AggregateName = enumOf(
  exactly<AggregateNameValue>()([
    'Account',
    'Advocate',
    'Nomination',
    'ReferenceRequest',
    'ContentAsset',
    'Program',
  ]),
);
registerDescribedEnum(AggregateName, {
  name: 'AggregateName',
  description: 'The kind of aggregate whose events a stream holds.',
  values: {
    Account: "An account's stream.",
    Advocate: "An advocate's stream.",
    Nomination: "A nomination's stream.",
    ReferenceRequest: "A reference request's stream.",
    ContentAsset: "A content asset's stream.",
    Program: "The program's stream.",
  },
});

export const FatigueLimitSource = enumOf(['PROGRAM', 'ADVOCATE'] as const);
registerDescribedEnum(FatigueLimitSource, {
  name: 'FatigueLimitSource',
  description: "Whose limit it is: the program's fatigue policy or the advocate's own preference.",
  values: {
    PROGRAM: "The program's fatigue policy.",
    ADVOCATE: "The advocate's own preference.",
  },
});

export const BreakReason = enumOf(
  exactly<BreakReasonValue>()([
    'unreadable',
    'wrong_tenant',
    'version_gap',
    'hash_mismatch',
    'signed_head_mismatch',
    'signed_event_missing',
  ]),
);
registerDescribedEnum(BreakReason, {
  name: 'BreakReason',
  description: 'Why an event fails the integrity check.',
  values: {
    unreadable: 'The stored event cannot be read.',
    wrong_tenant: 'The event belongs to another tenant.',
    version_gap: 'A version is missing from the stream.',
    hash_mismatch: 'Its hash does not match its content and predecessor.',
    signed_head_mismatch:
      'The event at a signed version no longer hashes to the head that was signed: history was rewritten after signing.',
    signed_event_missing:
      'A stream no longer reaches the version a signed digest covers: events were removed after signing.',
  },
});
