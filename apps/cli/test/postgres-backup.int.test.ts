import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { MasterKeyMismatchError } from '@vouch/event-store';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { startAppendLoop } from './support/append-loop';
import { runCliProcess } from './support/cli-process';

const TENANT = 'load-co';

/** The server binaries of the installed pg_dump's version: pg_dump refuses a newer server. */
function pgDumpServerBinaries(): string | undefined {
  const dump = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
  const config = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (dump.status !== 0 || config.status !== 0) return undefined;
  const bin = config.stdout.trim();
  return existsSync(join(bin, 'postgres')) && existsSync(join(bin, 'pg_restore')) ? bin : undefined;
}

/** Runs a client tool to completion, without blocking the event loop. */
function run(command: string, args: readonly string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(command, args);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const countOf = async (url: string, table: string) =>
  Number((await query<{ n: string }>(url, `SELECT count(*) AS n FROM vouch.${table}`))[0]!.n);

const lines = (stdout: string, prefix: RegExp) => stdout.split('\n').filter((line) => prefix.test(line));

const bin = pgDumpServerBinaries();
const describeWithPgDump = bin ? describe : describe.skip;

describeWithPgDump('PostgreSQL backup: pg_dump while writes run, pg_restore into a new database', () => {
  const server = usePostgresTestServer({ useDatabaseUrl: false, binDir: bin! }, 60_000);
  let live: string;
  let restored: string;
  const work = mkdtempSync(join(tmpdir(), 'vouch-pg-backup-'));
  const dump = join(work, 'vouch.dump');
  const pub = join(work, 'vouch.pub');
  const masterKey = randomBytes(32).toString('base64');
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signingKey = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  beforeAll(async () => {
    writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
    await query(server.url, 'CREATE DATABASE vouch_live');
    await query(server.url, 'CREATE DATABASE vouch_restored');
    live = server.url.replace(/\/postgres$/, '/vouch_live');
    restored = server.url.replace(/\/postgres$/, '/vouch_restored');
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('restores the dumped snapshot: same events, keys and digests, and `vouch verify` passes', async () => {
    const writer = startAppendLoop(live, masterKey, TENANT);
    await writer.waitUntil(40);
    const signed = await runCliProcess(
      ['digest', 'sign', '--store', 'postgres', '--database-url', live, '--tenant', TENANT],
      { VOUCH_SIGNING_KEY: signingKey },
    );
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    await writer.waitUntil(writer.appended() + 20);

    // The documented procedure (docs/deployment.md, "Backup and restore").
    const before = writer.appended();
    const dumped = await run('pg_dump', ['--format=custom', '--schema=vouch', `--file=${dump}`, live]);
    const after = writer.appended();
    await writer.stop();
    expect(dumped).toEqual({ code: 0, output: '' });
    expect(after).toBeGreaterThan(before); // writes went on while pg_dump ran
    const restoredRun = await run('pg_restore', [
      '--no-owner',
      '--exit-on-error',
      `--dbname=${restored}`,
      dump,
    ]);
    expect(restoredRun).toEqual({ code: 0, output: '' });

    // One snapshot: every restored event is the live one at its position, and nothing committed before the dump is missing.
    type Row = { position: string; hash: string };
    const copy = await query<Row>(restored, 'SELECT position, hash FROM vouch.events ORDER BY position');
    const source = new Map(
      (await query<Row>(live, 'SELECT position, hash FROM vouch.events')).map((r) => [r.position, r.hash]),
    );
    expect(copy.length).toBeGreaterThanOrEqual(before);
    for (const row of copy) expect(source.get(row.position)).toBe(row.hash);
    // One data key per advocate. A key is stored just before its event in its own transaction, so the
    // snapshot may hold the key of the one append in flight (the single writer has at most one).
    const keys = await countOf(restored, 'data_keys');
    expect(keys).toBeGreaterThanOrEqual(copy.length);
    expect(keys).toBeLessThanOrEqual(copy.length + 1);
    for (const table of ['signed_digests', 'master_key_check']) {
      expect(await countOf(restored, table)).toBe(await countOf(live, table));
    }

    // The verification step: the restored database verifies as the live one does.
    const verify = (url: string) =>
      runCliProcess([
        'verify',
        '--store',
        'postgres',
        '--database-url',
        url,
        '--tenant',
        TENANT,
        '--public-key',
        pub,
      ]);
    const ofLive = await verify(live);
    const ofRestored = await verify(restored);
    expect(ofRestored.code).toBe(0);
    expect(ofLive.code).toBe(0);
    expect(lines(ofRestored.stdout, /^(Signed digests|Signed heads|Result):/)).toEqual(
      lines(ofLive.stdout, /^(Signed digests|Signed heads|Result):/),
    );
    expect(ofRestored.stdout).toContain(`Events: ${copy.length.toLocaleString('en-US')} in `);
    expect(ofRestored.stdout).toContain('Result: OK');

    // The master key is not in the dump: the restored database takes the same key, and refuses another.
    const reopened = await PostgresEventStore.open({
      connectionString: restored,
      masterKey: Buffer.from(masterKey, 'base64'),
    });
    await reopened.close();
    await expect(
      PostgresEventStore.open({ connectionString: restored, masterKey: randomBytes(32) }),
    ).rejects.toBeInstanceOf(MasterKeyMismatchError);
  }, 180_000);
});
