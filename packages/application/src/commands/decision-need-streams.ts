import { DECISION_NEEDS, type AggregateName, type DecisionNeed } from '@vouch/domain';
import { DECIDERS } from './deciders';
import type { StreamCache, StreamView } from './stream-cache';
import { STREAM_EVOLVE } from './stream-evolve';
import { PROGRAM_ID, streamIdOf } from './stream-ids';
import type { DomainCommand } from './vouch-command';

/** The stream a decision need is read from (the one `loadDecisionContext` reads); undefined when it names none. */
export function streamOfNeed(need: DecisionNeed): string | undefined {
  switch (need.kind) {
    case 'policies':
      return PROGRAM_ID;
    case 'nominatedAccount':
      return named(need.accountId) ? streamIdOf('Account', need.accountId) : undefined;
    case 'consents':
      if (!named(need.holderId)) return undefined;
      return streamIdOf(need.holder === 'ADVOCATE' ? 'Advocate' : 'Account', need.holderId);
    case 'accountActors':
    case 'accountSuppressions':
      return named(need.accountId) ? streamIdOf('Account', need.accountId) : undefined;
    case 'selfServePool':
      return named(need.advocateId) ? streamIdOf('Advocate', need.advocateId) : undefined;
  }
}

/**
 * The streams a command's decision will consult besides its own, as its decider declares
 * them for `state` (none twice, its own stream left out). A guess when `state` is not
 * current: the decision still reads whatever its current state needs.
 */
export function streamsConsulted(
  aggregate: AggregateName,
  command: DomainCommand,
  state: () => unknown,
  ownStream: string,
): string[] {
  const streams = new Set<string>();
  let needs: readonly DecisionNeed[];
  try {
    needs = DECISION_NEEDS[aggregate].needs(command, state);
  } catch {
    return []; // only a guess: the decision itself meets whatever made it fail
  }
  for (const need of needs) {
    const streamId = streamOfNeed(need);
    if (streamId !== undefined && streamId !== ownStream) streams.add(streamId);
  }
  return [...streams];
}

/** A command's own stream and every stream its decision was expected to consult, as read together. */
export interface DecisionReads {
  /** The command's own stream. */
  readonly view: StreamView;
  /** Every stream read, its own included, by id (`AggregateReader.forOneDecision` takes them). */
  readonly read: ReadonlyMap<string, StreamView>;
}

/**
 * Reads a command's own stream and the streams its decision consults (guessed from what is
 * held of its own stream) together: one batched read for all of them (one round trip on
 * PostgreSQL) instead of one read after another as the decision asks. `held`: the own
 * stream as the caller just read it for this very command (then it is not read again).
 */
export async function readForDecision(
  streams: StreamCache,
  tenantId: string,
  aggregate: AggregateName,
  command: DomainCommand,
  streamId: string,
  held?: StreamView,
): Promise<DecisionReads> {
  const guess = held ?? streams.heldView(tenantId, streamId);
  const initial: unknown = DECIDERS[aggregate].initialState;
  const consulted = streamsConsulted(
    aggregate,
    command,
    () => (guess ? guess.fold(initial, STREAM_EVOLVE[aggregate]) : initial),
    streamId,
  );
  const wanted = held ? consulted : [streamId, ...consulted];
  const views = await streams.views(tenantId, wanted);
  const read = new Map(wanted.map((id, i) => [id, views[i]!]));
  return { view: held ?? views[0]!, read };
}

// A state a stream has not reached yet may name no id.
const named = (id: unknown): id is string => typeof id === 'string' && id !== '';
