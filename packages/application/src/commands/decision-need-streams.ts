import { DECISION_NEEDS, type AggregateName, type DecisionNeed } from '@vouch/domain';
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

// A state a stream has not reached yet may name no id.
const named = (id: unknown): id is string => typeof id === 'string' && id !== '';
