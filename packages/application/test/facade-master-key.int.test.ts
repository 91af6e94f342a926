import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Instant } from '@vouch/domain';
import { EventStoreErrorCode, MasterKeyMismatchError, type EventStore } from '@vouch/event-store';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { Client } from 'pg';
import { directorySnapshot } from '../../../test/support/directory-snapshot';
import { createVouch, type Principal } from '../src';

// An embedding service that opens its store with the wrong master key gets a typed
// MASTER_KEY_MISMATCH at once, instead of a store that later fails on every advocate.

const TENANT = 'acme-corp';
const owner: Principal = { tenantId: TENANT, userId: 'olga-ae', roles: ['ACCOUNT_OWNER'] };
const now: Instant = '2026-11-23T09:00:00.000Z';

async function nominate(store: EventStore): Promise<void> {
  const vouch = createVouch({ store, clock: () => now, dueWorkIntervalMs: 0 });
  await vouch.start([TENANT]);
  await vouch.execute(owner, {
    type: 'RegisterAccount',
    commandId: 'c-1',
    data: {
      accountId: 'acme',
      name: 'Acme GmbH',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: ['Planner'],
      ownerId: 'olga-ae',
    },
  });
  await vouch.execute(owner, {
    type: 'RecordAccountHealth',
    commandId: 'c-2',
    aggregateId: 'acme',
    data: { healthScore: 88 },
  });
  await vouch.execute(owner, {
    type: 'SubmitNomination',
    commandId: 'c-3',
    data: {
      nominationId: 'nom-1',
      accountId: 'acme',
      candidateId: 'ines',
      name: 'Ines Weber',
      email: 'ines@acme.example',
      title: 'Head of Operations',
      seniority: 'DIRECTOR',
      products: ['Planner'],
      useCases: ['planning'],
      languages: ['de'],
      evidenceKind: 'NPS_PROMOTER',
      evidence: 'Gave us a 10 and praised the rollout.',
    },
  });
  await vouch.stop();
}

function refusal(open: () => unknown): unknown {
  try {
    open();
  } catch (error) {
    return error;
  }
  throw new Error('the store opened');
}

describe('the embedding facade opened with the wrong master key', () => {
  it('SQLite: MASTER_KEY_MISMATCH before anything is read or written; the right key still works', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vouch-facade-key-'));
    try {
      const filename = join(dir, 'vouch.db');
      const masterKey = randomBytes(32);
      const store = SqliteEventStore.open({ filename, masterKey, clock: () => now });
      const vouch = createVouch({
        store,
        clock: () => now,
        dueWorkIntervalMs: 0,
        checkpoints: store.checkpoints,
        readModels: new SqliteReadModelStore(store.database, () => now),
      });
      await vouch.start([TENANT]);
      await vouch.stop();
      await nominate(store);
      await store.close();
      const before = directorySnapshot(dir);

      const error = refusal(() => SqliteEventStore.open({ filename, masterKey: randomBytes(32) }));
      expect(error).toBeInstanceOf(MasterKeyMismatchError);
      expect(error).toMatchObject({ code: EventStoreErrorCode.MASTER_KEY_MISMATCH });
      expect(directorySnapshot(dir)).toEqual(before);

      const again = SqliteEventStore.open({ filename, masterKey, clock: () => now });
      expect((await again.readAll(TENANT)).some((e) => e.personalData.status === 'present')).toBe(true);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  describe('PostgreSQL', () => {
    const server = usePostgresTestServer();

    it('MASTER_KEY_MISMATCH before anything is migrated, read or written', async () => {
      const schema = `facade_key_${process.pid}`;
      const masterKey = randomBytes(32);
      const store = await PostgresEventStore.open({
        connectionString: server.url,
        schema,
        masterKey,
        clock: () => now,
      });
      await nominate(store);
      await store.close();

      const client = new Client({ connectionString: server.url });
      await client.connect();
      const contents = async () => {
        const tables = await client.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
          [schema],
        );
        const dump: Record<string, unknown[]> = {};
        for (const { table_name } of tables.rows) {
          dump[table_name] = (
            await client.query(`SELECT * FROM "${schema}"."${table_name}" ORDER BY 1`)
          ).rows;
        }
        return dump;
      };
      try {
        const before = await contents();
        expect(before.events!.length).toBeGreaterThan(0);
        await expect(
          PostgresEventStore.open({ connectionString: server.url, schema, masterKey: randomBytes(32) }),
        ).rejects.toMatchObject({ code: EventStoreErrorCode.MASTER_KEY_MISMATCH });
        expect(await contents()).toEqual(before);
      } finally {
        await client.end();
      }
      const again = await PostgresEventStore.open({ connectionString: server.url, schema, masterKey });
      expect((await again.readAll(TENANT)).some((e) => e.personalData.status === 'present')).toBe(true);
      await again.close();
    }, 60_000);
  });
});
