import { DomainError, DomainErrorCode } from '@vouch/domain';
import { InMemoryCheckpointStore, InMemoryEventStore } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import type { CommandResult, VouchCommand } from '../src';
import { commandFor, ProcessManagerRunner, type ProcessManager } from '../src';

const TENANT = 't1';

/** Counts `Noted` events; on `Tally` it asks for a command carrying the count so far. */
const tally: ProcessManager<number> = {
  name: 'tally',
  eventTypes: ['Noted', 'Tally'],
  initialState: () => 0,
  evolve: (count, event) => (event.type === 'Noted' ? count + 1 : count),
  decide: (event, count) =>
    event.type === 'Tally'
      ? [commandFor('tally', event, { type: 'LapseRequest', aggregateId: `seen-${count}`, data: {} })]
      : [],
};

async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the process manager runner', () => {
  let store: InMemoryEventStore;
  const checkpoints = new InMemoryCheckpointStore();
  const executed: VouchCommand[] = [];
  const refused: string[] = [];
  const runner = (manager: ProcessManager, refuse = new Set<string>()) =>
    new ProcessManagerRunner({
      store,
      checkpoints,
      managers: [manager],
      restartDelayMs: 10,
      onRefused: (_manager, eventId, error) => refused.push(`${eventId}:${(error as DomainError).code}`),
      commands: {
        execute: async (_principal, command): Promise<CommandResult> => {
          if (refuse.has(command.aggregateId ?? '')) {
            throw new DomainError(DomainErrorCode.INVALID_TRANSITION, 'already done', {});
          }
          executed.push(command);
          return { aggregateId: '', streamId: '', events: [], version: 0, duplicate: false };
        },
      },
    });
  const append = (...types: string[]) =>
    store.append(
      TENANT,
      's',
      types.map((type) => contractEvent(TENANT, type, {})),
      { expectedVersion: 'any' },
    );

  beforeEach(() => {
    store = new InMemoryEventStore();
    executed.length = 0;
    refused.length = 0;
  });
  afterEach(() => store.close());

  it('relearns its state from history on restart and decides only what came after its checkpoint', async () => {
    await append('Noted', 'Noted', 'Tally');
    const first = runner(tally);
    await first.start(TENANT);
    expect(executed.map((c) => c.aggregateId)).toEqual(['seen-2']);
    await first.stop();

    await append('Noted', 'Tally');
    const second = runner(tally);
    await second.start(TENANT);
    // The first Tally is not decided again; the new one sees all three Noted events.
    expect(executed.map((c) => c.aggregateId)).toEqual(['seen-2', 'seen-3']);
    expect(executed[1]).toMatchObject({
      causationId: expect.any(String),
      commandId: expect.stringMatching(/^tally:/),
    });
    await second.stop();
  });

  it('moves its checkpoint past events it does not subscribe to, and never back while relearning', async () => {
    await append('Noted', 'Tally');
    const first = runner(tally);
    await first.start(TENANT);
    await append('Unrelated', 'Unrelated', 'Unrelated');
    const end = await store.lastCheckpoint(TENANT);
    await until(async () => (await checkpoints.load(`${TENANT}/tally`)) === end, 'the checkpoint at the end');
    await first.stop();
    const saved: string[] = [];
    const watched = Object.assign(Object.create(checkpoints) as InMemoryCheckpointStore, {
      save: async (key: string, checkpoint: never) => {
        saved.push(checkpoint);
        await checkpoints.save(key, checkpoint);
      },
    });
    const again = new ProcessManagerRunner({
      store,
      checkpoints: watched,
      managers: [tally],
      commands: {
        execute: async () => ({ aggregateId: '', streamId: '', events: [], version: 0, duplicate: false }),
      },
    });
    await again.start(TENANT);
    await again.stop();
    // Relearning the history saved nothing: the checkpoint never went back to an event it relearnt.
    expect(saved).toEqual([]);
    expect(await checkpoints.load(`${TENANT}/tally`)).toBe(end);
  });

  it('reports a refused reaction and still carries out the next one for the same event', async () => {
    const both: ProcessManager = {
      name: 'both',
      eventTypes: ['Tally'],
      decide: (event) => [
        commandFor('both', event, { type: 'LapseRequest', aggregateId: 'refused', data: {} }, 1),
        commandFor('both', event, { type: 'LapseRequest', aggregateId: 'kept', data: {} }, 2),
      ],
    };
    await append('Tally');
    const [event] = await store.readAll(TENANT);
    const run = runner(both, new Set(['refused']));
    await run.start(TENANT);
    await run.stop();
    expect(refused).toEqual([`${event!.eventId}:INVALID_TRANSITION`]);
    expect(executed.map((c) => c.aggregateId)).toEqual(['kept']);
  });
});
