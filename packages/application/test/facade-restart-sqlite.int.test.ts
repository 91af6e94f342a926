import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Instant } from '@vouch/domain';
import type { Checkpoint } from '@vouch/event-store';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { TenantReadModels } from '@vouch/projections';
import { createVouch, type Principal } from '../src';
import { submitRequestCommand } from './support/submit-request-command';

const TENANT = 'acme-corp';
const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };
const rep: Principal = { tenantId: TENANT, userId: 'sam-sales', roles: ['REQUESTER'] };
const now: Instant = '2026-11-23T09:00:00.000Z';
const dir = mkdtempSync(join(tmpdir(), 'vouch-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The facade as an embedding service wires it on SQLite: read models and checkpoints in the events file.
function open(filename: string, masterKey: Buffer) {
  const store = SqliteEventStore.open({ filename, masterKey, clock: () => now });
  const vouch = createVouch({
    store,
    clock: () => now,
    dueWorkIntervalMs: 0,
    checkpoints: store.checkpoints,
    readModels: new SqliteReadModelStore(store.database, () => now),
  });
  return { store, vouch };
}

describe('a SQLite-backed facade restarted', () => {
  it('answers queries from its saved snapshot without replaying the log from the start', async () => {
    const filename = join(dir, 'vouch.db');
    const masterKey = randomBytes(32);
    const first = open(filename, masterKey);
    await first.vouch.start([TENANT]);
    let last: Checkpoint | undefined;
    for (const requestId of ['req-1', 'req-2', 'req-3']) {
      const result = await first.vouch.execute(rep, submitRequestCommand(requestId));
      last = result.checkpoint;
    }
    expect((await first.vouch.queries.request(pm, 'req-3'))?.request.status).toBe('SUBMITTED');
    await first.vouch.stop();
    await first.store.close();

    const restore = jest.spyOn(TenantReadModels.prototype, 'restore');
    const apply = jest.spyOn(TenantReadModels.prototype, 'apply');
    const second = open(filename, masterKey);
    try {
      await second.vouch.start([TENANT]);
      expect((await second.vouch.queries.request(pm, 'req-3'))?.request.status).toBe('SUBMITTED');
      expect((await second.vouch.queries.requests(pm, {}))?.edges).toHaveLength(3);
      // The runner started at the saved checkpoint: the snapshot was restored and no event re-applied.
      expect(restore.mock.calls.map(([snapshot]) => snapshot.checkpoint)).toEqual([last]);
      expect(apply).not.toHaveBeenCalled();
    } finally {
      restore.mockRestore();
      apply.mockRestore();
      await second.vouch.stop();
      await second.store.close();
    }
  });
});
