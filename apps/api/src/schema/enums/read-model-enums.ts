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
import { registerEnumType } from 'type-graphql';
import type {
  AuditSubjectKindValue,
  AvailabilityReasonResult,
  ReplaySubjectKindValue,
} from '../common/facade-types';
import { enumOf } from './enum-of';

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
registerEnumType(AdvocateStatus, {
  name: 'AdvocateStatus',
  description: 'CANDIDATE → ACTIVE ↔ RESTING → RETIRED, plus DO_NOT_CONTACT and ERASED (NONE: unknown).',
});

export const Freshness = enumOf(exactly<FreshnessValue>()(['FRESH', 'DUE', 'STALE']));
registerEnumType(Freshness, {
  name: 'Freshness',
  description: 'How recently a profile was verified, against the program’s freshness policy.',
});

export const AdvocateViewKind = enumOf(['FULL', 'ANONYMISED'] as const);
registerEnumType(AdvocateViewKind, {
  name: 'AdvocateViewKind',
  description:
    'FULL: contact and account details included. ANONYMISED: company, title level and attributes only — what a requester sees until the advocate accepted one of their requests.',
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
registerEnumType(RequestStatus, {
  name: 'RequestStatus',
  description:
    'submitted → triaged → shortlisted → in progress (asks out) → fulfilled (enough accepted) → completed (activities done) → closed (outcome); or cancelled / lapsed.',
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
    'RELEASED',
  ]),
);
registerEnumType(CandidateStatus, {
  name: 'CandidateStatus',
  description: "One shortlisted advocate's own way through a request.",
});

export const SlaState = enumOf(exactly<SlaStateValue>()(['ON_TRACK', 'AT_RISK', 'BREACHED', 'MET']));
registerEnumType(SlaState, {
  name: 'SlaState',
  description:
    'ON_TRACK; AT_RISK (less than a fifth of the time left); BREACHED; MET once fulfilled in time.',
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
registerEnumType(ConsentGap, {
  name: 'ConsentGap',
  description: 'Why no consent covers a use (invariant 1, the consent gate).',
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
  ]),
);
registerEnumType(AvailabilityReasonCode, {
  name: 'AvailabilityReasonCode',
  description:
    'Why an advocate cannot be asked: their status (NOT_ENROLLED, CANDIDATE, RETIRED, DO_NOT_CONTACT, ERASED), RESTING or FATIGUED until a date, or a CONSENT gap.',
});

export const NominationStatus = enumOf(
  exactly<NominationStatusValue>()(['NONE', 'SUBMITTED', 'APPROVED', 'REJECTED', 'WITHDRAWN']),
);
registerEnumType(NominationStatus, {
  name: 'NominationStatus',
  description: 'Submitted → approved / rejected / withdrawn.',
});

export const ContentStatus = enumOf(
  exactly<ContentStatusValue>()(['NONE', 'DRAFT', 'APPROVED', 'PUBLISHED', 'SUSPENDED', 'RETIRED']),
);
registerEnumType(ContentStatus, {
  name: 'ContentStatus',
  description: 'A content asset’s lifecycle; SUSPENDED when a consent it relies on is withdrawn or expires.',
});

export const AccountStatus = enumOf(['ACTIVE', 'ARCHIVED'] as const);
registerEnumType(AccountStatus, { name: 'AccountStatus', description: 'Whether an account is in use.' });

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
registerEnumType(AuditSubjectKind, {
  name: 'AuditSubjectKind',
  description: 'What an audit history can be asked about (a consent gathers every use that relied on it).',
});

export const ReplaySubjectKind = enumOf(
  exactly<ReplaySubjectKindValue>()(['advocate', 'account', 'request', 'content', 'nomination', 'program']),
);
registerEnumType(ReplaySubjectKind, {
  name: 'ReplaySubjectKind',
  description: 'A subject with a stream of its own, whose state can be replayed as of an instant.',
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
registerEnumType(AggregateName, {
  name: 'AggregateName',
  description: 'The kind of aggregate whose events a stream holds.',
});

export const FatigueLimitSource = enumOf(['PROGRAM', 'ADVOCATE'] as const);
registerEnumType(FatigueLimitSource, {
  name: 'FatigueLimitSource',
  description: "Whose limit it is: the program's fatigue policy or the advocate's own preference.",
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
registerEnumType(BreakReason, {
  name: 'BreakReason',
  description: 'Why an event fails the integrity check.',
});
