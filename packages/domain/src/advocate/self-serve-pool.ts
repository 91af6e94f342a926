import type { Channel } from '../consent/consent';
import type { ContentKind } from '../content-asset/content-asset-events';
import type { ActivityKind } from '../shared/activity-kind';
import type { Command, DomainEvent } from '../shared/domain-event';
import { DomainError, DomainErrorCode } from '../shared/domain-error';
import { isAfter, isBefore, type Instant } from '../shared/time';

/** The account owner's standing approval that reps may take this advocate for some kinds, for a period. */
export interface SelfServePreApproval {
  readonly preApprovalId: string;
  readonly kinds: readonly ActivityKind[];
  readonly validFrom: Instant;
  readonly validUntil: Instant;
  readonly approvedBy: string;
}

export type PreApproveSelfServe = Command<
  'PreApproveSelfServe',
  { preApprovalId: string; kinds: ActivityKind[]; validFrom?: Instant; validUntil: Instant }
>;
export type RevokeSelfServePreApproval = Command<
  'RevokeSelfServePreApproval',
  { preApprovalId: string; reason: string }
>;
/** Records a use of content relying on this advocate's consent, against the consent's max uses. */
export type RecordContentUse = Command<
  'RecordContentUse',
  { contentId: string; kind: ContentKind; territory: string; channel: Channel; requestId?: string }
>;

export type SelfServePreApproved = DomainEvent<
  'SelfServePreApproved',
  SelfServePreApproval & { advocateId: string; accountId: string; approvedAt: Instant }
>;
export type SelfServePreApprovalRevoked = DomainEvent<
  'SelfServePreApprovalRevoked',
  { advocateId: string; preApprovalId: string; reason: string; revokedBy: string; revokedAt: Instant }
>;
export type ConsentUseRecorded = DomainEvent<
  'ConsentUseRecorded',
  {
    advocateId: string;
    consentId: string;
    consentVersion: number;
    contentId: string;
    kind: ContentKind;
    requestId?: string;
    usedAt: Instant;
  }
>;

export type SelfServeCommand = PreApproveSelfServe | RevokeSelfServePreApproval | RecordContentUse;
export type SelfServeEvent = SelfServePreApproved | SelfServePreApprovalRevoked | ConsentUseRecorded;

/** The pre-approvals in force for a kind at every given instant. */
export function preApprovalsCovering(
  pool: Readonly<Record<string, SelfServePreApproval>> | undefined,
  kind: ActivityKind,
  instants: readonly Instant[],
): SelfServePreApproval[] {
  return Object.values(pool ?? {}).filter(
    (p) =>
      p.kinds.includes(kind) &&
      instants.every((at) => !isBefore(at, p.validFrom) && isAfter(p.validUntil, at)),
  );
}

/**
 * Invariant 3 for self-serve: with no per-ask approval, the account owner's pre-approval must
 * cover the kind from now until the activity; returns the one the ask relies on.
 */
export function requireSelfServePreApproval(
  state: {
    readonly advocateId: string;
    readonly selfServePool?: Readonly<Record<string, SelfServePreApproval>>;
  },
  kind: ActivityKind,
  instants: readonly Instant[],
): SelfServePreApproval {
  const [approval] = preApprovalsCovering(state.selfServePool, kind, instants);
  if (approval) return approval;
  throw new DomainError(
    DomainErrorCode.OWNER_APPROVAL_REQUIRED,
    `Advocate ${state.advocateId} is not in the self-serve pool for ${kind} at that time: ` +
      "the account owner has not pre-approved it. Ask through the owner's approval instead.",
    { advocateId: state.advocateId, kind },
  );
}
