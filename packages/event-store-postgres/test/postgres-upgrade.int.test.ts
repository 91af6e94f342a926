// Upgrading a PostgreSQL schema the previous release wrote (migrations 1–3, with events,
// data keys, an erased subject and a projection checkpoint in it) to the current one.
import { MasterKeyMismatchError } from '@vouch/event-store';
import {
  MIGRATIONS,
  PostgresDatabase,
  PostgresEventStore,
  PostgresSchemaTooNewError,
  planMigrations,
} from '../src';
import { usePostgresTestServer } from '../src/testing';
import {
  expectPreviousDataServed,
  fixtureStoreOptions,
} from '../../../test/fixtures/previous-schema/expect-upgraded-store';
import {
  createPreviousPostgresDatabase,
  databaseUrl,
  withClient,
} from '../../../test/fixtures/previous-schema/previous-postgres-database';

let databases = 0;
const nextName = () => `upgrade_${process.pid}_${++databases}`;

const server = usePostgresTestServer();

/** Every table, function and trigger in the schema, and the migrations recorded. */
const schemaShape = (url: string) =>
  withClient(url, async (client) => ({
    objects: (
      await client.query<{ name: string }>(
        `SELECT kind || ' ' || name AS name FROM (
           SELECT 'table' AS kind, tablename AS name FROM pg_tables WHERE schemaname = 'vouch'
           UNION ALL SELECT 'function', proname FROM pg_proc WHERE pronamespace = 'vouch'::regnamespace
           UNION ALL SELECT 'trigger', tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE c.relnamespace = 'vouch'::regnamespace AND NOT t.tgisinternal) o ORDER BY 1`,
      )
    ).rows.map((r) => r.name),
    migrations: (
      await client.query<{ version: number }>('SELECT version FROM vouch.schema_migrations ORDER BY 1')
    ).rows.map((r) => r.version),
  }));

describe('upgrading a PostgreSQL schema from the previous release', () => {
  it('plans the missing migrations read-only, creating nothing', async () => {
    const url = await createPreviousPostgresDatabase(server.url, nextName());
    const before = await schemaShape(url);
    expect(before.migrations).toEqual([1, 2, 3]);
    const database = new PostgresDatabase({ connectionString: url });
    try {
      const plan = await planMigrations(database);
      expect(plan.applied).toEqual([1, 2, 3]);
      expect(plan.pending.map((m) => m.version)).toEqual([4, 5, 6, 7, 8, 9]);
    } finally {
      await database.close();
    }
    expect(await schemaShape(url)).toEqual(before);

    // A database with no schema yet: everything pending, and still nothing created.
    const empty = nextName();
    await withClient(server.url, (admin) => admin.query(`CREATE DATABASE ${empty}`));
    const fresh = new PostgresDatabase({ connectionString: databaseUrl(server.url, empty) });
    try {
      expect((await planMigrations(fresh)).pending).toEqual(MIGRATIONS);
      expect(
        (await fresh.query<{ s: string | null }>('schema', "SELECT to_regnamespace('vouch')::text AS s"))[0]!
          .s,
      ).toBeNull();
    } finally {
      await fresh.close();
    }
  }, 60_000);

  it('migrates on open: the old events served, erasure kept, chains intact, new appends, same shape as a new schema', async () => {
    const url = await createPreviousPostgresDatabase(server.url, nextName());
    const store = await PostgresEventStore.open({ connectionString: url, ...fixtureStoreOptions() });
    try {
      expect(await store.checkpoints.load('fixture-projection')).toBe('0000000000000005');
      await expectPreviousDataServed(store);
    } finally {
      await store.close();
    }
    const upgraded = await schemaShape(url);
    expect(upgraded.migrations).toEqual(MIGRATIONS.map((m) => m.version));

    const freshName = nextName();
    await withClient(server.url, (admin) => admin.query(`CREATE DATABASE ${freshName}`));
    const freshUrl = databaseUrl(server.url, freshName);
    await (await PostgresEventStore.open({ connectionString: freshUrl, ...fixtureStoreOptions() })).close();
    expect(upgraded.objects).toEqual((await schemaShape(freshUrl)).objects);
  }, 60_000);

  it('refuses another master key before migrating: the schema is left as it was', async () => {
    const url = await createPreviousPostgresDatabase(server.url, nextName());
    const before = await schemaShape(url);
    await expect(
      PostgresEventStore.open({
        connectionString: url,
        ...fixtureStoreOptions(),
        masterKey: Buffer.alloc(32, 7),
      }),
    ).rejects.toThrow(MasterKeyMismatchError);
    expect(await schemaShape(url)).toEqual(before);
  }, 60_000);

  it('after a restore into a cluster that counted fewer transactions, the log shows the events once the counter passes theirs', async () => {
    const url = await createPreviousPostgresDatabase(server.url, nextName());
    // As if the dump came from a cluster that had counted further than this one.
    const ahead = await withClient(url, async (client) => {
      const { rows } = await client.query<{ xid: string }>(
        'SELECT (pg_current_xact_id()::text::bigint + 50)::text AS xid',
      );
      await client.query("UPDATE vouch.events SET transaction_id = $1::xid8 WHERE tenant_id = 'globex'", [
        rows[0]!.xid,
      ]);
      return BigInt(rows[0]!.xid);
    });
    const store = await PostgresEventStore.open({ connectionString: url, ...fixtureStoreOptions() });
    try {
      expect(await store.readAll('globex')).toHaveLength(0); // hidden from subscriptions and read models
      expect(await store.readStream('globex', 'adv-gus')).toHaveLength(1);
      // docs/upgrading.md: take transaction ids until the counter is past the newest event's.
      await withClient(url, async (client) => {
        while (
          BigInt((await client.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0]!.x) <=
          ahead
        );
      });
      expect(await store.readAll('globex')).toHaveLength(1);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refuses to plan over a schema a newer release migrated', async () => {
    const url = await createPreviousPostgresDatabase(server.url, nextName());
    await withClient(url, (client) =>
      client.query("INSERT INTO vouch.schema_migrations (version, name) VALUES (99, 'from the future')"),
    );
    const database = new PostgresDatabase({ connectionString: url });
    try {
      await expect(planMigrations(database)).rejects.toThrow(PostgresSchemaTooNewError);
      await expect(planMigrations(database)).rejects.toThrow('migration 99 that this code does not know');
    } finally {
      await database.close();
    }
  }, 60_000);
});
