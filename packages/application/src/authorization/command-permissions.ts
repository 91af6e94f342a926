import type { CommandType } from '@vouch/domain';
import { ACCOUNT, ADMIN, ANY, type Grant, OWN_REQUEST, PM, PM_OR_ACCOUNT, PM_OR_REQUESTER } from './grants';
import { SUPPRESSION_AND_FEEDBACK_PERMISSIONS } from './issue16-permissions';

/**
 * The application's half of the command catalogue (the domain's half is `COMMAND_CATALOGUE`):
 * per command, which roles may run it and under which relationship to its subject. Exhaustive:
 * the compiler refuses a command without a row. ADMIN keeps keys, erasure, legal holds and
 * delegation — program work needs PROGRAM_MANAGER too.
 */
export const COMMAND_PERMISSIONS: Readonly<Record<CommandType, Grant>> = {
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
  RecordAdvocateDeparture: PM,
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
  // Scheduling: the program offers for the advocate; only the requester picks; each side confirms its own part.
  SetSchedulingPolicy: PM,
  OfferSlots: PM,
  PickSlot: { PROGRAM_MANAGER: OWN_REQUEST, ACCOUNT_OWNER: OWN_REQUEST, REQUESTER: OWN_REQUEST },
  ConfirmAttendance: PM_OR_REQUESTER,
  MarkActivityMissed: PM,
  MarkEngagementMissed: PM,
  // Content is the program's.
  DraftContent: PM,
  ApproveContent: PM,
  PublishContent: PM,
  SuspendContent: PM,
  ReinstateContent: PM,
  RetireContent: PM,
  // Request modes (issue 16): the program sets them; the account owner (or delegate) fills the
  // self-serve pool; a rep self-serves on their own request; content uses by the program, or by
  // a requester on their own request under AUTO_COMPLETE (the domain checks the mode).
  SetRequestModePolicy: PM,
  PreApproveSelfServe: { ACCOUNT_OWNER: ACCOUNT },
  RevokeSelfServePreApproval: PM_OR_ACCOUNT,
  RecordContentUse: PM,
  TakeFromSelfServePool: { REQUESTER: OWN_REQUEST, ACCOUNT_OWNER: OWN_REQUEST },
  UseContent: { PROGRAM_MANAGER: ANY, REQUESTER: OWN_REQUEST, ACCOUNT_OWNER: OWN_REQUEST },
  ...SUPPRESSION_AND_FEEDBACK_PERMISSIONS,
};
