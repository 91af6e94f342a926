import { randomBytes } from 'node:crypto';
import { InMemoryCheckpointStore } from '@vouch/event-store';
import { contractEvent } from '@vouch/event-store/testing';
import { PostgresEventStore, PostgresReadModelStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import type { CommandResult, VouchCommand } from '../src';
import { commandFor, ProcessManagerRunner, type ProcessManager } from '../src';

// A process manager's saved state whose row in PostgreSQL holds broken JSON (a torn write, a
// hand edit): the start relearns from the log, says which row without quoting it, and
// replaces the row, so the next start opens it again.

const TENANT = 't1';
const STATE_ROW = 'process-manager:tally';
/** A personal value planted in the broken text: nothing said may quote it. */
const PLANTED = 'Mallory Plaintext-Okonkwo';

/** Counts `Noted` events; on `Tally` asks for a command carrying the count so far. */
const tally: ProcessManager<number> = {
  name: 'tally',
  eventTypes: ['Noted', 'Tally'],
  initialState: () => 0,
  evolve: (count, event) => (event.type === 'Noted' ? count + 1 : count),
  decide: (event, count) =>
    event.type === 'Tally'
      ? [commandFor('tally', event, { type: 'LapseRequest', aggregateId: `seen-${count}`, data: {} })]
      : [],
  savedState: {
    version: 1,
    save: (count) => ({ count }),
    restore(saved) {
      const { count } = saved as { count?: unknown };
      if (typeof count !== 'number') throw new TypeError('not a saved tally');
      return count;
    },
  },
};

const server = usePostgresTestServer();

it('relearns a saved state whose PostgreSQL row is broken JSON, names the row, and replaces it', async () => {
  const store = await PostgresEventStore.open({
    connectionString: server.url,
    schema: `pm_broken_${process.pid}`,
    masterKey: randomBytes(32),
  });
  try {
    const readModels = await PostgresReadModelStore.open(store.database);
    const checkpoints = new InMemoryCheckpointStore();
    const executed: string[] = [];
    const relearnt: string[] = [];
    const runner = () =>
      new ProcessManagerRunner({
        store,
        checkpoints,
        readModels,
        managers: [tally as ProcessManager],
        onRelearn: (manager, tenantId, reason) => relearnt.push(`${manager}@${tenantId}: ${reason}`),
        commands: {
          execute: async (_principal, command: VouchCommand): Promise<CommandResult> => {
            executed.push(command.aggregateId ?? '');
            return { aggregateId: '', streamId: '', events: [], version: 0, duplicate: false };
          },
        },
      });
    const run = async () => {
      const r = runner();
      await r.start(TENANT);
      await r.stop();
    };
    const append = (...types: string[]) =>
      store.append(
        TENANT,
        's',
        types.map((type) => contractEvent(TENANT, type, {})),
        { expectedVersion: 'any' },
      );

    await append('Noted', 'Noted', 'Tally');
    await run();
    expect(executed).toEqual(['seen-2']);
    const torn = await store.database.query<{ version: number }>(
      'tear saved state',
      `UPDATE ${store.database.schema}.read_models SET snapshot = $1
        WHERE tenant_id = $2 AND projection = $3 RETURNING version`,
      [`{"count":2,"note":${PLANTED}`, TENANT, STATE_ROW],
    );
    expect(torn).toHaveLength(1);

    await append('Noted', 'Tally');
    await run();
    // Relearnt from the log: the count is right, and only the new Tally was decided.
    expect(executed).toEqual(['seen-2', 'seen-3']);
    expect(relearnt).toEqual([
      `tally@${TENANT}: its saved state (read model ${STATE_ROW} v1 of tenant ${TENANT}) is not readable JSON (a torn write or a hand edit)`,
    ]);
    expect(relearnt.join()).not.toContain('Mallory');
    expect((await readModels.load(TENANT, STATE_ROW, 1))?.snapshot).toEqual({ count: 3 });

    await run();
    expect(relearnt).toHaveLength(1);
  } finally {
    await store.close();
  }
}, 60_000);
