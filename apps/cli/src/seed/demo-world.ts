import { createHash } from 'node:crypto';
import type { Principal, Vouch } from '@vouch/application';
import type { ActivityKind, Channel, Department, Instant, Role, Segment } from '@vouch/domain';
import type { EventStore, RecordedEvent } from '@vouch/event-store';
import type { INDUSTRIES, PRODUCTS, REGIONS } from './demo-catalogue';
import { ADMIN, PROGRAM_MANAGERS } from './demo-catalogue';
import { Prng } from './prng';
import { SeedExecutor } from './seed-executor';
import type { SimulatedClock } from './simulated-clock';

/** Eighteen months, in days. */
export const SIMULATED_DAYS = 548;

export type Region = (typeof REGIONS)[number];
export type Industry = (typeof INDUSTRIES)[number];
export type Product = (typeof PRODUCTS)[number];

export interface AccountModel {
  readonly id: string;
  readonly name: string;
  readonly industry: Industry;
  readonly region: Region;
  readonly segment: Segment;
  readonly products: Product[];
  readonly ownerId: string;
  health: number;
  logoConsentId?: string;
}

/** An event as a command returned it or as the store recorded it. */
export type RecordedOrProduced = Pick<RecordedEvent, 'type'> & { readonly data: unknown };

export interface PendingEngagement {
  readonly requestId?: string;
  readonly kind: ActivityKind;
}

export interface AdvocateModel {
  readonly id: string;
  readonly account: AccountModel;
  status: 'ACTIVE' | 'RESTING' | 'RETIRED' | 'DO_NOT_CONTACT' | 'ERASED';
  consentId: string;
  kinds: Set<ActivityKind>;
  consentUntil: Instant;
  consentLive: boolean;
  /**
   * Whether the due work will record the consent's expiry. A partial withdrawal stops
   * that (the due-work index forgets the consent on any withdrawal) until a renewal.
   */
  expiryTracked: boolean;
  readonly territory: string;
  readonly pending: Map<string, PendingEngagement>;
  /** Published content relying on this advocate's consent, by content id. */
  readonly content: Map<string, ActivityKind>;
  completed: number;
  readonly rewardsByYear: Map<number, number>;
}

export type CandidateStep =
  'SHORTLISTED' | 'CLEARED' | 'ASKED' | 'ACCEPTED' | 'SCHEDULED' | 'COMPLETED' | 'GONE';

export interface RequestModel {
  readonly id: string;
  readonly requester: Principal;
  readonly department: Department;
  readonly kind: ActivityKind;
  readonly territory: string;
  readonly channel: Channel;
  readonly dueBy: Instant;
  readonly amount: number;
  readonly needed: number;
  open: boolean;
  /** The due work has run since the due date: it lapsed the request then, or never will. */
  lapseSettled: boolean;
  outcomePlanned: boolean;
  /** Shortlists so far: after a refusal or a decline the program manager looks once more. */
  shortlists: number;
  readonly candidates: Map<string, CandidateStep>;
}

/** How many of each numbered thing the seed has made so far: the next id is one more. */
export interface DemoCounters {
  nominations: number;
  contents: number;
  rewards: number;
  verifications: number;
  /** Strategic briefings reserved outside the request flow. */
  directs: number;
}

/**
 * Everything the demo seed's scenarios share, explicit: the facade and store they drive,
 * the simulated clock and PRNG they draw from, what the program looks like so far (the
 * seed's own model of accounts, advocates and requests) and the agenda of steps planned
 * for later days. Every scenario takes the world and updates it in place, deliberately:
 * the same seed makes the same calls in the same order, so the same program.
 */
export interface DemoWorld {
  readonly tenantId: string;
  readonly vouch: Vouch;
  readonly store: EventStore;
  readonly clock: SimulatedClock;
  readonly rng: Prng;
  readonly run: SeedExecutor;
  readonly pms: readonly Principal[];
  readonly admin: Principal;
  readonly accounts: AccountModel[];
  readonly advocates: AdvocateModel[];
  readonly requests: RequestModel[];
  /** Wishlist entries, in the order they were added. */
  readonly wishes: string[];
  readonly counters: DemoCounters;
  /** Steps planned for each simulated day. */
  readonly agenda: Map<number, (() => Promise<void>)[]>;
  /** No-shows left to due work, by engagement id: the day each was left (see `awaitMissedMirrors`). */
  readonly noShows: Map<
    string,
    { readonly requestId: string; readonly advocateId: string; readonly day: number }
  >;
  /** The simulated day the seed is on (0 = the program's first). */
  today: number;
}

/** A world with nothing in it yet, on day 0. */
export function createDemoWorld(
  vouch: Vouch,
  store: EventStore,
  clock: SimulatedClock,
  tenantId: string,
  seed: number,
): DemoWorld {
  return {
    tenantId,
    vouch,
    store,
    clock,
    rng: new Prng(seed),
    run: new SeedExecutor(vouch, store, tenantId),
    pms: PROGRAM_MANAGERS.map((u) => principal(tenantId, u, 'PROGRAM_MANAGER')),
    admin: principal(tenantId, ADMIN, 'ADMIN'),
    accounts: [],
    advocates: [],
    requests: [],
    wishes: [],
    counters: { nominations: 0, contents: 0, rewards: 0, verifications: 0, directs: 0 },
    agenda: new Map(),
    noShows: new Map(),
    today: 0,
  };
}

/** Plans a step `days` (at least one) after today; nothing past the last simulated day. */
export function later(world: DemoWorld, days: number, step: () => Promise<void>): void {
  const day = world.today + Math.max(1, Math.round(days));
  if (day > SIMULATED_DAYS) return;
  const steps = world.agenda.get(day) ?? [];
  steps.push(step);
  world.agenda.set(day, steps);
}

/** Lets a few minutes pass before the next action. */
export function soon(world: DemoWorld): void {
  world.clock.advanceMinutes(world.rng.int(2, 25));
}

/** One of the program managers, at random. */
export function pm(world: DemoWorld): Principal {
  return world.rng.pick(world.pms);
}

/** An account owner of the tenant. */
export function owner(world: DemoWorld, userId: string): Principal {
  return principal(world.tenantId, userId, 'ACCOUNT_OWNER');
}

/** The seed's model of an advocate, if it enrolled one with this id. */
export function advocateOf(world: DemoWorld, advocateId: string): AdvocateModel | undefined {
  return world.advocates.find((a) => a.id === advocateId);
}

/** The account of an advocate the seed enrolled. */
export function accountOf(world: DemoWorld, advocateId: string): AccountModel | undefined {
  return advocateOf(world, advocateId)?.account;
}

/** Whether the program still works with the advocate (verifies, rewards, publishes). */
export const workable = (advocate: AdvocateModel): boolean =>
  advocate.status === 'ACTIVE' || advocate.status === 'RESTING';

/** A principal of the tenant with one role. */
export const principal = (tenantId: string, userId: string, role: Role): Principal => ({
  tenantId,
  userId,
  roles: [role],
});
/** The hex SHA-256 of a text (evidence hashes). */
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
/** Matches an event of a type whose data has `field` = `value`. */
export const isEvent =
  (type: string, field: string, value: string) =>
  (event: RecordedEvent): boolean =>
    event.type === type && (event.data as Record<string, unknown>)[field] === value;
