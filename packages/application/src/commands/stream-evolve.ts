import type { AggregateName } from '@vouch/domain';
import type { RecordedEvent } from '@vouch/event-store';
import { DECIDERS } from './deciders';

type Evolve = (state: unknown, event: RecordedEvent) => unknown;

/**
 * Each aggregate's evolve over recorded events, one function per aggregate for the life of
 * the process: the stream cache keeps folds per function, so the command handler and the
 * aggregate reader folding the same stream share one fold.
 */
export const STREAM_EVOLVE: Readonly<Record<AggregateName, Evolve>> = Object.fromEntries(
  Object.entries(DECIDERS).map(([aggregate, decider]) => [
    aggregate,
    (state: unknown, event: RecordedEvent) => decider.evolve(state, { type: event.type, data: event.data }),
  ]),
) as Record<AggregateName, Evolve>;
