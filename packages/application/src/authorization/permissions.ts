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
  'programAssessment',
  'launchCoveragePlan',
  'contentUsage',
  'executiveDigest',
  'nominatorLeaderboard',
  'tenantAuditTrail',
  'signedDigest',
  'integrityVerification',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** What changes the record of integrity rather than the program (invariant 12). */
export const INTEGRITY_OPERATIONS = ['signDigest', 'startIntegrityVerification'] as const;
export type IntegrityOperation = (typeof INTEGRITY_OPERATIONS)[number];

export type Operation = CommandType | QueryName | IntegrityOperation;

/**
 * How a caller must stand to the thing an operation touches (invariant 11). Each is decided
 * against facts the handler or query already holds (see `relationship-facts.ts`).
 */
export const RELATIONSHIPS = {
  /** Anything of the tenant: the role alone decides. */
  ANY: 'ANY',
  /** The caller acts for the account (of the advocate, nomination or command): its owner or an unexpired delegate. */
  ACTS_FOR_ACCOUNT: 'ACTS_FOR_ACCOUNT',
  /** The caller is the account's owner themself (only they, or an admin, delegate it). */
  OWNS_ACCOUNT: 'OWNS_ACCOUNT',
  /** The caller submitted the reference request (of the engagement). */
  REQUESTED_IT: 'REQUESTED_IT',
  /** The caller is the owner whose approval an ask of the request waits for. */
  APPROVES_ITS_ASKS: 'APPROVES_ITS_ASKS',
  /** The caller put the entry on the wishlist. */
  WISHED_IT: 'WISHED_IT',
} as const;
export type Relationship = keyof typeof RELATIONSHIPS;

/** Per role, the relationships under which it may perform an operation (any one suffices). */
export type Grant = Readonly<Partial<Record<Role, readonly Relationship[]>>>;

const ANY: readonly Relationship[] = ['ANY'];
const ACCOUNT: readonly Relationship[] = ['ACTS_FOR_ACCOUNT'];
const OWN_REQUEST: readonly Relationship[] = ['REQUESTED_IT'];

const PM: Grant = { PROGRAM_MANAGER: ANY };
/** The program; an account owner for their own accounts and those accounts' advocates and nominations. */
const PM_OR_ACCOUNT: Grant = { PROGRAM_MANAGER: ANY, ACCOUNT_OWNER: ACCOUNT };
/** The program; whoever submitted the request (sales reps, and owners who ask too). */
const PM_OR_REQUESTER: Grant = { PROGRAM_MANAGER: ANY, ACCOUNT_OWNER: OWN_REQUEST, REQUESTER: OWN_REQUEST };
const ADMIN: Grant = { ADMIN: ANY };
/** Readers of the whole record: the program, auditors, and admins. */
const RECORD_READERS: Grant = { PROGRAM_MANAGER: ANY, AUDITOR: ANY, ADMIN: ANY };
const EVERYONE: Grant = {
  PROGRAM_MANAGER: ANY,
  ACCOUNT_OWNER: ANY,
  REQUESTER: ANY,
  AUDITOR: ANY,
  ADMIN: ANY,
};
/** Advocates: everyone who works with references finds them; who sees them in full is the read model's `seesAdvocateIdentity`. */
const ADVOCATE_FINDERS: Grant = { PROGRAM_MANAGER: ANY, AUDITOR: ANY, ACCOUNT_OWNER: ANY, REQUESTER: ANY };
/** A request: the program, auditors and admins; its requester; owners whose approval it asks. */
const REQUEST_READERS: Grant = {
  ...RECORD_READERS,
  ACCOUNT_OWNER: ['REQUESTED_IT', 'APPROVES_ITS_ASKS'],
  REQUESTER: OWN_REQUEST,
};

/**
 * Who may do what (DESIGN.md roles, invariant 11): per operation, which roles may perform it
 * and under which relationship to its subject. Exhaustive over commands and queries: the
 * compiler refuses a new command without a row. A role without a row never may (FORBIDDEN,
 * whatever the id); a role whose relationship does not hold meets NOT_FOUND or null, exactly
 * as for an id that does not exist. ADMIN keeps keys, erasure, legal holds and delegation —
 * program work needs PROGRAM_MANAGER too.
 */
export const PERMISSIONS: Readonly<Record<Operation, Grant>> = {
  // Program: policies and targets are the program manager's; retention is the admin's too.
  SetFatiguePolicy: PM,
  SetRequestSlaPolicy: PM,
  SetRewardPolicy: PM,
  SetFreshnessPolicy: PM,
  SetNominationPolicy: PM,
  SetRetentionPolicy: { PROGRAM_MANAGER: ANY, ADMIN: ANY },
  SetCoverageTarget: PM,
  RemoveCoverageTarget: PM,
  // Anyone in sales wishes; only the program or whoever wished takes a wish back.
  AddToWishlist: { PROGRAM_MANAGER: ANY, ACCOUNT_OWNER: ANY, REQUESTER: ANY },
  RemoveFromWishlist: { PROGRAM_MANAGER: ANY, ACCOUNT_OWNER: ['WISHED_IT'], REQUESTER: ['WISHED_IT'] },
  // Accounts: an owner keeps their own customers' records (and registers accounts they own).
  RegisterAccount: PM_OR_ACCOUNT,
  UpdateAccountProfile: PM_OR_ACCOUNT,
  ReassignAccountOwner: PM,
  RecordAccountHealth: PM_OR_ACCOUNT,
  GrantAccountConsent: PM,
  RenewAccountConsent: PM,
  WithdrawAccountConsent: PM_OR_ACCOUNT,
  ArchiveAccount: PM,
  DelegateAccount: { ADMIN: ANY, ACCOUNT_OWNER: ['OWNS_ACCOUNT'] },
  RevokeAccountDelegation: { ADMIN: ANY, ACCOUNT_OWNER: ['OWNS_ACCOUNT'] },
  // Advocates: the program runs them; an owner helps keep their own accounts' advocates fresh.
  EnrolAdvocate: PM,
  ActivateAdvocate: PM,
  UpdateAdvocateContact: PM_OR_ACCOUNT,
  UpdateAdvocateAttributes: PM_OR_ACCOUNT,
  SetAdvocatePreferences: PM_OR_ACCOUNT,
  RestAdvocate: PM_OR_ACCOUNT,
  ReactivateAdvocate: PM,
  RetireAdvocate: PM,
  MarkDoNotContact: PM_OR_ACCOUNT,
  GrantConsent: PM,
  RenewConsent: PM,
  // The owner who hears their advocate withdraw must be able to record it at once.
  WithdrawConsent: PM_OR_ACCOUNT,
  RecordConsentExpiry: PM,
  ReserveEngagement: PM,
  AcceptEngagement: PM,
  ApproveUse: PM,
  ScheduleEngagement: PM,
  CompleteEngagement: PM,
  ReleaseEngagement: PM,
  // Feedback on an engagement comes from whoever asked for it.
  RecordEngagementFeedback: PM_OR_REQUESTER,
  GrantReward: PM,
  RequestProfileVerification: PM,
  VerifyProfile: PM_OR_ACCOUNT,
  LapseProfileVerification: PM,
  PlaceLegalHold: ADMIN,
  ReleaseLegalHold: ADMIN,
  RequestErasure: { ADMIN: ANY, PROGRAM_MANAGER: ANY },
  // Nominations come from the owners of the nominated accounts; the program decides.
  SubmitNomination: PM_OR_ACCOUNT,
  ApproveNomination: PM,
  RejectNomination: PM,
  WithdrawNomination: PM_OR_ACCOUNT,
  // Requests come from every department; the program works them; owners approve asks of their customers.
  SubmitReferenceRequest: { PROGRAM_MANAGER: ANY, ACCOUNT_OWNER: ANY, REQUESTER: ANY },
  TriageRequest: PM,
  ShortlistCandidates: PM,
  RequestOwnerApproval: PM,
  ApproveAsk: { PROGRAM_MANAGER: ANY, ACCOUNT_OWNER: ['APPROVES_ITS_ASKS'] },
  DeclineAsk: { PROGRAM_MANAGER: ANY, ACCOUNT_OWNER: ['APPROVES_ITS_ASKS'] },
  OverrideOwnerApproval: PM,
  AskAdvocate: PM,
  RecordAdvocateResponse: PM,
  ScheduleActivity: PM,
  CompleteActivity: PM,
  RecordRequestFeedback: PM_OR_REQUESTER,
  RecordOutcome: PM_OR_REQUESTER,
  ReleaseCandidate: PM,
  CancelRequest: PM_OR_REQUESTER,
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
  account: { PROGRAM_MANAGER: ANY, AUDITOR: ANY, ACCOUNT_OWNER: ACCOUNT },
  advocate: ADVOCATE_FINDERS,
  searchAdvocates: ADVOCATE_FINDERS,
  availability: ADVOCATE_FINDERS,
  matchCandidates: {
    PROGRAM_MANAGER: ANY,
    AUDITOR: ANY,
    ACCOUNT_OWNER: ['REQUESTED_IT', 'APPROVES_ITS_ASKS'],
    REQUESTER: OWN_REQUEST,
  },
  nomination: { PROGRAM_MANAGER: ANY, AUDITOR: ANY, ACCOUNT_OWNER: ACCOUNT },
  request: REQUEST_READERS,
  requests: REQUEST_READERS,
  content: EVERYONE,
  auditTrail: RECORD_READERS,
  subjectAsOf: RECORD_READERS,
  verifyIntegrity: { AUDITOR: ANY, ADMIN: ANY },
  programMetrics: EVERYONE,
  // Program intelligence is for those who run, review and administer the program; the
  // leaderboard is recognition, so the field (owners, sales reps) sees it too.
  programAssessment: RECORD_READERS,
  launchCoveragePlan: RECORD_READERS,
  contentUsage: RECORD_READERS,
  executiveDigest: RECORD_READERS,
  nominatorLeaderboard: EVERYONE,
  // Invariant 12: reviewers read the whole trail and the signed digests; only an admin
  // has the product sign on demand (the schedule and erasures sign on their own).
  tenantAuditTrail: { AUDITOR: ANY, ADMIN: ANY },
  signedDigest: { AUDITOR: ANY, ADMIN: ANY },
  integrityVerification: { AUDITOR: ANY, ADMIN: ANY },
  signDigest: ADMIN,
  startIntegrityVerification: { AUDITOR: ANY, ADMIN: ANY },
};
