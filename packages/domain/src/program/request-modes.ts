import { CONTENT_KINDS } from '../content-asset/content-asset-events';
import type { ActivityKind } from '../shared/activity-kind';
import { hasRole, type Actor } from '../shared/actor';

/**
 * How a program fulfils a request of one activity kind:
 * - PM_FULFILLED: the program manager asks and schedules; the owner's approval is not awaited (the owner is told);
 * - OWNER_APPROVED: the account owner clears each ask (the default, invariant 3 as it always was);
 * - SELF_SERVE: the requester takes an advocate the account owner pre-approved for self-serve;
 * - AUTO_COMPLETE: content use under a standing consent is recorded at once, nothing scheduled.
 */
export const REQUEST_MODES = ['PM_FULFILLED', 'OWNER_APPROVED', 'SELF_SERVE', 'AUTO_COMPLETE'] as const;
export type RequestMode = (typeof REQUEST_MODES)[number];

/** The program's request modes: one for every kind, and some kinds set apart. */
export interface RequestModePolicy {
  readonly defaultMode: RequestMode;
  readonly perKind: Partial<Record<ActivityKind, RequestMode>>;
}

/** What a program that never set its modes does: every ask is cleared by the account owner. */
export const DEFAULT_REQUEST_MODES: RequestModePolicy = { defaultMode: 'OWNER_APPROVED', perKind: {} };

/** Only content kinds leave an asset behind that a use can be recorded against. */
export function modeFitsKind(mode: RequestMode, kind: ActivityKind): boolean {
  return mode !== 'AUTO_COMPLETE' || (CONTENT_KINDS as readonly string[]).includes(kind);
}

/** The mode that governs requests of one kind. */
export function requestModeFor(policy: RequestModePolicy | undefined, kind: ActivityKind): RequestMode {
  const modes = policy ?? DEFAULT_REQUEST_MODES;
  const mode = modes.perKind[kind] ?? modes.defaultMode;
  // A default of AUTO_COMPLETE governs only the content kinds; the others stay owner-approved.
  return modeFitsKind(mode, kind) ? mode : 'OWNER_APPROVED';
}

/** PM_FULFILLED: a program manager asks without waiting for the owner's approval (the owner sees the ask). */
export function pmFulfils(
  policy: RequestModePolicy | undefined,
  kind: ActivityKind | undefined,
  actor: Actor,
): boolean {
  return (
    kind !== undefined && requestModeFor(policy, kind) === 'PM_FULFILLED' && hasRole(actor, 'PROGRAM_MANAGER')
  );
}
