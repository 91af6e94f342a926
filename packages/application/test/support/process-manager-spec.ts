import { checkpointOf, type RecordedEvent } from '@vouch/event-store';
import type { ProcessManager, Reaction } from '../../src/process-managers/process-manager';

/** An event as a process manager receives it; the n-th of a spec gets checkpoint n and id `e<n>`. */
export function recorded(n: number, type: string, data: Record<string, unknown>): RecordedEvent {
  return {
    eventId: `e${n}`,
    type,
    schemaVersion: 1,
    data,
    metadata: {
      tenantId: 't',
      actor: { userId: 'u', roles: ['ADMIN'] },
      commandId: `c${n}`,
      correlationId: `corr${n}`,
      causationId: `c${n}`,
      effectiveAt: '2026-01-01T00:00:00.000Z',
    },
    streamId: 's',
    version: n,
    checkpoint: checkpointOf(n),
    recordedAt: '2026-01-01T00:00:00.000Z',
    storedSchemaVersion: 1,
    personalData: { status: 'none' },
  };
}

/**
 * Given these earlier events (folded with `evolve`), when this event arrives, then `decide`
 * answers these reactions. Events are numbered in order: given first, the event last.
 */
export function givenWhen<S>(
  manager: ProcessManager<S>,
  given: ReadonlyArray<readonly [string, Record<string, unknown>]>,
  when: readonly [string, Record<string, unknown>],
): { reactions: readonly Reaction[]; event: RecordedEvent } {
  let state = manager.initialState?.() as S;
  given.forEach(([type, data], i) => {
    const event = recorded(i + 1, type, data);
    expect(manager.eventTypes).toContain(type);
    if (manager.evolve) state = manager.evolve(state, event);
  });
  const event = recorded(given.length + 1, when[0], when[1]);
  expect(manager.eventTypes).toContain(when[0]);
  return { reactions: manager.decide(event, state), event };
}

/** The commands among reactions, as type, aggregate, data and id (what a spec compares). */
export function commandsOf(reactions: readonly Reaction[]): unknown[] {
  return reactions.map((r) =>
    r.kind === 'command'
      ? {
          type: r.command.type,
          aggregateId: r.command.aggregateId,
          data: r.command.data,
          commandId: r.command.commandId,
        }
      : r,
  );
}
