import {
  accountActorsAt,
  effectiveStatus,
  hasRole,
  profileFreshness,
  type Actor,
  type AdvocateContact,
  type AdvocateStatus,
  type Freshness,
  type Instant,
  type Segment,
  type Seniority,
} from '@vouch/domain';
import { suppressionMarkers, type SuppressionMarker } from './account-suppression-markers';
import { busyHolds, type BusyHold } from './advocate-busy';
import type { AdvocateDirectory } from './advocate-directory';
import type { AdvocateState } from '@vouch/domain';

/** What a requester sees before the advocate has accepted one of their requests: company, title level, attributes. */
export interface AnonymisedAdvocate {
  readonly view: 'ANONYMISED';
  readonly advocateId: string;
  readonly accountId: string;
  readonly company?: string;
  readonly industry?: string;
  readonly segment?: Segment;
  readonly region?: string;
  readonly status: AdvocateStatus;
  readonly seniority?: Seniority;
  readonly products: readonly string[];
  readonly useCases: readonly string[];
  readonly languages: readonly string[];
  readonly topics: readonly string[];
  readonly freshness: Freshness;
  /** Held by open requests: the kind of hold and until when, never which request. */
  readonly busy: readonly BusyHold[];
  /** The suppressions of the account: a new ask is refused while any holds. */
  readonly suppressions: readonly SuppressionMarker[];
}

/** Everything, contact included: for the program, the account owner, auditors, and accepted requesters. */
export interface FullAdvocate extends Omit<AnonymisedAdvocate, 'view'> {
  readonly view: 'FULL';
  /** Absent once erased (or when the store returned an erasure placeholder). */
  readonly contact?: AdvocateContact;
  readonly accountOwnerId?: string;
  readonly accountHealth?: number;
  readonly restingUntil?: Instant;
  readonly enrolledAt?: Instant;
  readonly lastVerifiedAt?: Instant;
  readonly acceptedRequesters: readonly string[];
}

export type AdvocateView = FullAdvocate | AnonymisedAdvocate;

/** The contact of an advocate as the store returned it, or undefined when it was erased. */
export function readableContact(state: Pick<AdvocateState, 'contact'>): AdvocateContact | undefined {
  const contact = state.contact as (AdvocateContact & { kind?: string }) | undefined;
  // After crypto-shredding the store hands back a placeholder in place of the contact.
  if (!contact || contact.kind === 'ErasedPersonalData' || typeof contact.name !== 'string') return undefined;
  return contact;
}

/** The anonymised view of an advocate: never name, email, phone or title. */
export function anonymisedAdvocate(
  directory: AdvocateDirectory,
  advocateId: string,
  now: Instant,
): AnonymisedAdvocate | undefined {
  const state = directory.advocate(advocateId);
  if (!state) return undefined;
  const profile = directory.accountOf(state)?.profile;
  const attributes = state.attributes;
  return {
    view: 'ANONYMISED',
    advocateId,
    accountId: state.accountId,
    ...(profile
      ? {
          company: profile.name,
          industry: profile.industry,
          segment: profile.segment,
          region: profile.region,
        }
      : {}),
    status: effectiveStatus(state, now),
    ...(attributes ? { seniority: attributes.seniority } : {}),
    products: attributes?.products ?? [],
    useCases: attributes?.useCases ?? [],
    languages: attributes?.languages ?? [],
    topics: attributes?.topics ?? [],
    freshness: profileFreshness(state, directory.program.policies.freshness, now),
    busy: busyHolds(state),
    suppressions: suppressionMarkers(directory.accountOf(state), false),
  };
}

/** The full view of an advocate, contact included. */
export function fullAdvocate(
  directory: AdvocateDirectory,
  advocateId: string,
  now: Instant,
): FullAdvocate | undefined {
  const anonymised = anonymisedAdvocate(directory, advocateId, now);
  const state = directory.advocate(advocateId);
  if (!anonymised || !state) return undefined;
  const account = directory.accountOf(state);
  const contact = readableContact(state);
  return {
    ...anonymised,
    view: 'FULL',
    ...(contact ? { contact } : {}),
    ...(account?.ownerId !== undefined ? { accountOwnerId: account.ownerId } : {}),
    ...(account?.health ? { accountHealth: account.health.healthScore } : {}),
    ...(state.restingUntil !== undefined ? { restingUntil: state.restingUntil } : {}),
    ...(state.enrolledAt !== undefined ? { enrolledAt: state.enrolledAt } : {}),
    ...(state.lastVerifiedAt !== undefined ? { lastVerifiedAt: state.lastVerifiedAt } : {}),
    acceptedRequesters: directory.acceptedRequesters(advocateId),
    suppressions: suppressionMarkers(account, true),
  };
}

/**
 * Whether a viewer may see who an advocate is: program managers, auditors and admins; the
 * owner of the advocate's account and its unexpired delegates; and a requester once the advocate accepted their request.
 */
export function seesAdvocateIdentity(
  directory: AdvocateDirectory,
  viewer: Actor,
  advocateId: string,
  now: Instant,
): boolean {
  if (hasRole(viewer, 'PROGRAM_MANAGER') || hasRole(viewer, 'AUDITOR') || hasRole(viewer, 'ADMIN'))
    return true;
  const state = directory.advocate(advocateId);
  if (!state) return false;
  // The owner, or a colleague the account is delegated to (invariant 11).
  const account = directory.accountOf(state);
  if (account && accountActorsAt(account, now).includes(viewer.userId)) return true;
  return directory.hasAccepted(advocateId, viewer.userId);
}

/** The view of an advocate a viewer is entitled to: full or anonymised. */
export function advocateFor(
  directory: AdvocateDirectory,
  viewer: Actor,
  advocateId: string,
  now: Instant,
): AdvocateView | undefined {
  return seesAdvocateIdentity(directory, viewer, advocateId, now)
    ? fullAdvocate(directory, advocateId, now)
    : anonymisedAdvocate(directory, advocateId, now);
}
