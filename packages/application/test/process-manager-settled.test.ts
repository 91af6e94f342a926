import { InMemoryCheckpointStore, InMemoryEventStore, type Checkpoint } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import type { CommandResult } from '../src';
import { commandFor, ProcessManagerRunner, type ProcessManager } from '../src';

const TENANT = 't1';

/** On `Ping` asks for a command that appends a `Pong`; on `Pong` one that appends a `Done`: a chain of two reactions. */
const relay: ProcessManager = {
  name: 'relay',
  eventTypes: ['Ping', 'Pong'],
  decide: (event) => [
    commandFor('relay', event, {
      type: 'LapseRequest',
      aggregateId: event.type === 'Ping' ? 'Pong' : 'Done',
      data: {},
    }),
  ],
};

describe('waiting for the process managers to settle', () => {
  let store: InMemoryEventStore;
  beforeEach(() => (store = new InMemoryEventStore()));
  afterEach(() => store.close());

  /** A runner whose reactions take a few timer turns (as a store's round trips do) and append the named event. */
  const runner = (log: string[]) =>
    new ProcessManagerRunner({
      store,
      checkpoints: new InMemoryCheckpointStore(),
      managers: [relay],
      commands: {
        execute: async (_principal, command): Promise<CommandResult> => {
          for (let i = 0; i < 3; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
          const type = command.aggregateId!;
          const { checkpoint } = await store.append(TENANT, type, [contractEvent(TENANT, type, {})], {
            expectedVersion: 'any',
          });
          log.push(type);
          return { aggregateId: type, streamId: type, events: [], version: 1, checkpoint, duplicate: false };
        },
      },
    });

  it('resolves only once every reaction, and the reaction to that reaction, is written and handled', async () => {
    const log: string[] = [];
    const run = runner(log);
    await run.start(TENANT);
    const { checkpoint } = await store.append(TENANT, 'Ping', [contractEvent(TENANT, 'Ping', {})], {
      expectedVersion: 'any',
    });
    const settled: Checkpoint = await run.settled(TENANT, checkpoint);
    expect(log).toEqual(['Pong', 'Done']);
    // The point it settled at is the last reaction's event: nothing is left to react to.
    expect(settled).toBe(await store.lastCheckpoint(TENANT));
    await run.stop();
  });

  it('resolves at once for a tenant whose managers are not running, and after a stop', async () => {
    const run = runner([]);
    await expect(run.settled('nobody', await store.lastCheckpoint(TENANT))).resolves.toBeDefined();
    await run.start(TENANT);
    const { checkpoint } = await store.append(TENANT, 'Other', [contractEvent(TENANT, 'Other', {})], {
      expectedVersion: 'any',
    });
    // An event of another type is looked past: settled without any reaction.
    await run.settled(TENANT, checkpoint);
    await run.stop();
  });
});
