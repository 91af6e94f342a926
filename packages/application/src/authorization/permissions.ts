import type { CommandType } from '@vouch/domain';
import { COMMAND_PERMISSIONS } from './command-permissions';
import { ANY, EVERYONE, type Grant, OWN_REQUEST, ACCOUNT, RECORD_READERS, ADMIN } from './grants';

/** Every command type of the domain (the command catalogue's key). */
export type { CommandType } from '@vouch/domain';

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
  'callInvitation',
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
  'selfServePool',
] as const;
export type QueryName = (typeof QUERY_NAMES)[number];

/** What changes the record of integrity rather than the program (invariant 12). */
export const INTEGRITY_OPERATIONS = ['signDigest', 'startIntegrityVerification'] as const;
export type IntegrityOperation = (typeof INTEGRITY_OPERATIONS)[number];

/** Webhook configuration and its delivery log (issue 17): tenant administration. */
export const WEBHOOK_OPERATIONS = ['manageWebhooks', 'webhookDeliveries'] as const;
export type WebhookOperation = (typeof WEBHOOK_OPERATIONS)[number];

export type Operation = CommandType | QueryName | IntegrityOperation | WebhookOperation;

export { RELATIONSHIPS, type Grant, type Relationship } from './grants';

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
 * compiler refuses a new command without a row (commands' rows are `COMMAND_PERMISSIONS`). A role without a row never may (FORBIDDEN,
 * whatever the id); a role whose relationship does not hold meets NOT_FOUND or null, exactly
 * as for an id that does not exist. ADMIN keeps keys, erasure, legal holds and delegation —
 * program work needs PROGRAM_MANAGER too.
 */
export const PERMISSIONS: Readonly<Record<Operation, Grant>> = {
  ...COMMAND_PERMISSIONS,
  // Queries.
  program: EVERYONE,
  account: { PROGRAM_MANAGER: ANY, AUDITOR: ANY, ACCOUNT_OWNER: ACCOUNT },
  advocate: ADVOCATE_FINDERS,
  searchAdvocates: ADVOCATE_FINDERS,
  // The self-serve pool: reps find whom they may take; each advocate in the view the caller may see.
  selfServePool: ADVOCATE_FINDERS,
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
  // A picked call's invitation: whoever sees the request (contact details only as the advocate view allows).
  callInvitation: REQUEST_READERS,
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
  manageWebhooks: ADMIN,
  webhookDeliveries: ADMIN,
};
