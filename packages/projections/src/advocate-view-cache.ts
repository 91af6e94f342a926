import {
  effectiveStatus,
  profileFreshness,
  type AccountState,
  type Actor,
  type AdvocateState,
  type FreshnessPolicy,
  type Instant,
} from '@vouch/domain';
import type { AdvocateDirectory } from './advocate-directory';
import {
  anonymisedAdvocate,
  fullAdvocate,
  seesAdvocateIdentity,
  type AdvocateView,
  type AnonymisedAdvocate,
  type FullAdvocate,
} from './advocate-views';

// What one advocate's views were built from; a view is reused while all of it is the same.
interface Built {
  readonly state: AdvocateState;
  readonly account: AccountState | undefined;
  readonly freshness: FreshnessPolicy;
  full?: FullAdvocate;
  anonymised?: AnonymisedAdvocate;
}

/**
 * The views of advocates, built once per advocate version and reused: a search page or a
 * list shows the same advocates again and again, and building a view costs far more than
 * checking that nothing it shows has changed (the advocate's state and account are
 * immutable objects, replaced on every change; status and freshness move with the clock
 * and are compared on each read). Bounded: the least recently read are dropped first.
 */
export class AdvocateViewCache {
  private readonly built = new Map<string, Built>();

  constructor(
    private readonly directory: AdvocateDirectory,
    private readonly capacity = 10_000,
  ) {}

  /** The view a viewer is entitled to: full or anonymised (as `advocateFor`). */
  viewFor(viewer: Actor, advocateId: string, now: Instant): AdvocateView | undefined {
    return seesAdvocateIdentity(this.directory, viewer, advocateId, now)
      ? this.full(advocateId, now)
      : this.anonymised(advocateId, now);
  }

  /** The full view, contact included (as `fullAdvocate`). */
  full(advocateId: string, now: Instant): FullAdvocate | undefined {
    const built = this.current(advocateId);
    if (!built) return undefined;
    const cached = built.full;
    if (cached && this.stillShows(cached, built.state, now) && this.sameAccepted(cached, advocateId))
      return cached;
    return (built.full = fullAdvocate(this.directory, advocateId, now));
  }

  /** The anonymised view (as `anonymisedAdvocate`). */
  anonymised(advocateId: string, now: Instant): AnonymisedAdvocate | undefined {
    const built = this.current(advocateId);
    if (!built) return undefined;
    const cached = built.anonymised;
    if (cached && this.stillShows(cached, built.state, now)) return cached;
    return (built.anonymised = anonymisedAdvocate(this.directory, advocateId, now));
  }

  // The entry for the advocate's current version (a fresh one when anything it was built from changed).
  private current(advocateId: string): Built | undefined {
    const state = this.directory.advocate(advocateId);
    const built = this.built.get(advocateId);
    this.built.delete(advocateId); // re-inserted last: the map's order is the order of use
    if (!state) return undefined;
    const account = this.directory.accountOf(state);
    const freshness = this.directory.program.policies.freshness;
    const fresh =
      built && built.state === state && built.account === account && built.freshness === freshness
        ? built
        : { state, account, freshness };
    this.built.set(advocateId, fresh);
    if (this.built.size > this.capacity) this.built.delete(this.built.keys().next().value!);
    return fresh;
  }

  // Status and freshness are the parts of a view that move with the clock alone.
  private stillShows(view: AnonymisedAdvocate | FullAdvocate, state: AdvocateState, now: Instant): boolean {
    return (
      view.status === effectiveStatus(state, now) &&
      view.freshness === profileFreshness(state, this.directory.program.policies.freshness, now)
    );
  }

  // Whom the advocate has accepted changes without a new advocate version.
  private sameAccepted(view: FullAdvocate, advocateId: string): boolean {
    const now = this.directory.acceptedRequesters(advocateId);
    return (
      now.length === view.acceptedRequesters.length && now.every((r, i) => r === view.acceptedRequesters[i])
    );
  }
}
