import type { Instant } from '@vouch/domain';

/** Where the store takes `recordedAt` from; injected so tests and replays are deterministic. */
export type Clock = () => Instant;

/** The wall clock, in ISO-8601 UTC. */
export const systemClock: Clock = () => new Date().toISOString();
