import type {
  AccountCommand,
  AdvocateCommand,
  ContentAssetCommand,
  NominationCommand,
  ProgramCommand,
  ReferenceRequestCommand,
  Role,
} from '@vouch/domain';

/** Every command type of the domain. */
export type CommandType = (
  | AccountCommand
  | AdvocateCommand
  | ContentAssetCommand
  | NominationCommand
  | ProgramCommand
  | ReferenceRequestCommand
)['type'];

/** Every query the facade answers. */
export const QUERY_NAMES = [
  'program',
  'account',
  'advocate',
  'searchAdvocates',
  'availability',
  'matchCandidates',
  'nomination',
  'request',
  'requests',
  'content',
  'auditTrail',
  'subjectAsOf',
  'verifyIntegrity',
  'programMetrics',
  'tenantAuditTrail',
  'signedDigest',
  'integrityVerification',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** What changes the record of integrity rather than the program (invariant 12). */
export const INTEGRITY_OPERATIONS = ['signDigest', 'startIntegrityVerification'] as const;
export type IntegrityOperation = (typeof INTEGRITY_OPERATIONS)[number];

export type Operation = CommandType | QueryName | IntegrityOperation;

const PM: Role[] = ['PROGRAM_MANAGER'];
const PM_OWNER: Role[] = ['PROGRAM_MANAGER', 'ACCOUNT_OWNER'];
const SALES: Role[] = ['PROGRAM_MANAGER', 'ACCOUNT_OWNER', 'REQUESTER'];
const ADMIN: Role[] = ['ADMIN'];
const EVERYONE: Role[] = ['PROGRAM_MANAGER', 'ACCOUNT_OWNER', 'REQUESTER', 'AUDITOR', 'ADMIN'];
const READERS_OF_RECORDS: Role[] = ['PROGRAM_MANAGER', 'ACCOUNT_OWNER', 'AUDITOR'];

/**
 * Which roles may perform each operation, from the roles of DESIGN.md. The table is
 * exhaustive over commands and queries: the compiler refuses a new command without a row.
 * Finer rules (only the account owner approves an ask of their customer; requesters see
 * advocates anonymised) are enforced by the deciders and queries themselves.
 */
export const PERMISSIONS: Readonly<Record<Operation, readonly Role[]>> = {
  // Program: policies and targets are the program manager's; retention is the admin's too.
  SetFatiguePolicy: PM,
  SetRequestSlaPolicy: PM,
  SetRewardPolicy: PM,
  SetFreshnessPolicy: PM,
  SetNominationPolicy: PM,
  SetRetentionPolicy: ['PROGRAM_MANAGER', 'ADMIN'],
  SetCoverageTarget: PM,
  RemoveCoverageTarget: PM,
  AddToWishlist: SALES,
  RemoveFromWishlist: SALES,
  // Accounts: owners keep their customers' records; program managers everything.
  RegisterAccount: PM_OWNER,
  UpdateAccountProfile: PM_OWNER,
  ReassignAccountOwner: PM,
  RecordAccountHealth: PM_OWNER,
  GrantAccountConsent: PM,
  RenewAccountConsent: PM,
  WithdrawAccountConsent: PM_OWNER,
  ArchiveAccount: PM,
  // Advocates: the program runs them; owners help keep profiles fresh.
  EnrolAdvocate: PM,
  ActivateAdvocate: PM,
  UpdateAdvocateContact: PM_OWNER,
  UpdateAdvocateAttributes: PM_OWNER,
  SetAdvocatePreferences: PM_OWNER,
  RestAdvocate: PM_OWNER,
  ReactivateAdvocate: PM,
  RetireAdvocate: PM,
  MarkDoNotContact: PM_OWNER,
  GrantConsent: PM,
  RenewConsent: PM,
  // Anyone who hears an advocate withdraw must be able to record it at once.
  WithdrawConsent: PM_OWNER,
  RecordConsentExpiry: PM,
  ReserveEngagement: PM,
  AcceptEngagement: PM,
  ApproveUse: PM,
  ScheduleEngagement: PM,
  CompleteEngagement: PM,
  ReleaseEngagement: PM,
  RecordEngagementFeedback: SALES,
  GrantReward: PM,
  RequestProfileVerification: PM,
  VerifyProfile: PM_OWNER,
  LapseProfileVerification: PM,
  PlaceLegalHold: ADMIN,
  ReleaseLegalHold: ADMIN,
  RequestErasure: ['ADMIN', 'PROGRAM_MANAGER'],
  // Nominations come from owners; the program decides.
  SubmitNomination: PM_OWNER,
  ApproveNomination: PM,
  RejectNomination: PM,
  WithdrawNomination: PM_OWNER,
  // Requests come from every department; the program works them; owners approve asks.
  SubmitReferenceRequest: SALES,
  TriageRequest: PM,
  ShortlistCandidates: PM,
  RequestOwnerApproval: PM,
  ApproveAsk: PM_OWNER,
  DeclineAsk: PM_OWNER,
  OverrideOwnerApproval: PM,
  AskAdvocate: PM,
  RecordAdvocateResponse: PM,
  ScheduleActivity: PM,
  CompleteActivity: PM,
  RecordRequestFeedback: SALES,
  RecordOutcome: SALES,
  ReleaseCandidate: PM,
  CancelRequest: SALES,
  LapseRequest: PM,
  // Content is the program's.
  DraftContent: PM,
  ApproveContent: PM,
  PublishContent: PM,
  SuspendContent: PM,
  ReinstateContent: PM,
  RetireContent: PM,
  // Queries.
  program: EVERYONE,
  account: READERS_OF_RECORDS,
  advocate: [...READERS_OF_RECORDS, 'REQUESTER'],
  searchAdvocates: [...READERS_OF_RECORDS, 'REQUESTER'],
  availability: [...READERS_OF_RECORDS, 'REQUESTER'],
  matchCandidates: [...READERS_OF_RECORDS, 'REQUESTER'],
  nomination: READERS_OF_RECORDS,
  request: EVERYONE,
  requests: EVERYONE,
  content: EVERYONE,
  auditTrail: ['PROGRAM_MANAGER', 'AUDITOR', 'ADMIN'],
  subjectAsOf: ['PROGRAM_MANAGER', 'AUDITOR', 'ADMIN'],
  verifyIntegrity: ['AUDITOR', 'ADMIN'],
  programMetrics: ['PROGRAM_MANAGER', 'AUDITOR', 'ADMIN', 'ACCOUNT_OWNER', 'REQUESTER'],
  // Invariant 12: reviewers read the whole trail and the signed digests; only an admin
  // has the product sign on demand (the schedule and erasures sign on their own).
  tenantAuditTrail: ['AUDITOR', 'ADMIN'],
  signedDigest: ['AUDITOR', 'ADMIN'],
  integrityVerification: ['AUDITOR', 'ADMIN'],
  signDigest: ADMIN,
  startIntegrityVerification: ['AUDITOR', 'ADMIN'],
};
