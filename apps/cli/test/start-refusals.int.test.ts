import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contactRecorded, contractPersonalData } from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { directorySnapshot } from '../../../test/support/directory-snapshot';
import { runCliProcess, spawnCli } from './support/cli-process';

// Every start refused here runs the real `vouch` as a child process and checks the exit
// code, the message (one line per problem) and that not one file was created or changed.

const strongJwt = () => randomBytes(32).toString('base64');
const base64Key = () => randomBytes(32).toString('base64');

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'vouch-refusals-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A data directory holding a SQLite store created with `masterKey`, as a previous start leaves it. */
async function storeCreatedWith(masterKey: string): Promise<string> {
  const dir = mkdtempSync(join(root, 'store-'));
  writeFileSync(join(dir, '.gitignore'), '*\n');
  const store = SqliteEventStore.open({
    filename: join(dir, 'vouch.db'),
    masterKey: Buffer.from(masterKey, 'base64'),
    personalData: contractPersonalData,
  });
  await store.append('demo', 'adv-1', [contactRecorded('demo', 'adv-1', 'Ada Lovelace', 'ada@example.com')], {
    expectedVersion: 'no_stream',
  });
  await store.close();
  return dir;
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

describe('a start with the wrong master key', () => {
  it.each([
    ['serve', ['serve', '--port', '0', '--environment', 'development']],
    ['seed', ['seed', '--scale', '0.01', '--tenant', 'other']],
    ['rebuild', ['rebuild']],
    ['start', ['start', '--port', '0']],
  ])(
    'vouch %s exits 2 with one line naming the key, reading and writing nothing',
    async (_name, args) => {
      const dir = await storeCreatedWith(base64Key());
      const before = directorySnapshot(dir);
      const result = await runCliProcess([...args, '--data-dir', dir], {
        VOUCH_MASTER_KEY: base64Key(),
        VOUCH_ENVIRONMENT: 'development',
      });
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toEqual([
        expect.stringMatching(
          /^vouch: The master key does not match SQLite .*vouch\.db \(its key check value differs\).*Nothing was read or written\.$/,
        ),
      ]);
      expect(result.stdout).toBe('');
      // No jwt.secret generated, no -wal or -shm left, the database byte for byte as it was.
      expect(directorySnapshot(dir)).toEqual(before);
    },
    30_000,
  );

  it('a leftover development master.key that is not the store key is caught the same way', async () => {
    const dir = await storeCreatedWith(base64Key());
    writeFileSync(join(dir, 'master.key'), `${base64Key()}\n`, { mode: 0o600 });
    const before = directorySnapshot(dir);
    const result = await runCliProcess([
      'serve',
      '--port',
      '0',
      '--environment',
      'development',
      '--data-dir',
      dir,
    ]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([expect.stringMatching(/^vouch: The master key does not match/)]);
    expect(directorySnapshot(dir)).toEqual(before);
  }, 30_000);
});

describe('a production start without its secrets', () => {
  it('names both missing secrets at once, exits 2 and creates no data directory', async () => {
    const dir = join(root, 'never-created');
    const result = await runCliProcess(['serve', '--port', '0', '--data-dir', dir], {
      VOUCH_ENVIRONMENT: 'production',
    });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `vouch: VOUCH_MASTER_KEY must be set outside development (base64 of 32 bytes: \`openssl rand -base64 32\`); ${dir}/master.key is read in development only.`,
      `vouch: VOUCH_JWT_SECRET must be set outside development (at least 32 random bytes: \`openssl rand -base64 32\`); ${dir}/jwt.secret is read in development only.`,
    ]);
    expect(directorySnapshot(dir)).toBeNull();
  }, 30_000);

  it('does not pick up key files left in the data directory (serve defaults to production)', async () => {
    const key = base64Key();
    const dir = await storeCreatedWith(key);
    writeFileSync(join(dir, 'master.key'), `${key}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'jwt.secret'), `${strongJwt()}\n`, { mode: 0o600 });
    const before = directorySnapshot(dir);
    const result = await runCliProcess(['serve', '--port', '0', '--data-dir', dir]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(/^vouch: VOUCH_MASTER_KEY must be set outside development/),
      expect.stringMatching(/^vouch: VOUCH_JWT_SECRET must be set outside development/),
    ]);
    expect(directorySnapshot(dir)).toEqual(before);
  }, 30_000);

  it('vouch rebuild and vouch seed in production need VOUCH_MASTER_KEY too', async () => {
    const dir = await storeCreatedWith(base64Key());
    writeFileSync(join(dir, 'master.key'), `${base64Key()}\n`, { mode: 0o600 });
    const before = directorySnapshot(dir);
    for (const command of ['rebuild', 'seed']) {
      const result = await runCliProcess([command, '--data-dir', dir], { VOUCH_ENVIRONMENT: 'production' });
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toEqual([
        expect.stringMatching(/^vouch: VOUCH_MASTER_KEY must be set outside development/),
      ]);
    }
    expect(directorySnapshot(dir)).toEqual(before);
  }, 30_000);
});

describe('a start with weak secrets', () => {
  it('refuses an all-zero master key and a JWT secret of 32 × "a", with every other problem, at once', async () => {
    const dir = join(root, 'weak');
    const result = await runCliProcess(['serve', '--data-dir', dir], {
      VOUCH_ENVIRONMENT: 'production',
      VOUCH_MASTER_KEY: Buffer.alloc(32).toString('base64'),
      VOUCH_JWT_SECRET: 'a'.repeat(32),
      PORT: 'http',
    });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      'vouch: PORT must be a whole number from 0 to 65535 (got "http").',
      'vouch: VOUCH_MASTER_KEY is one byte repeated (0x00 × 32), not a key; generate one with `openssl rand -base64 32`.',
      'vouch: VOUCH_JWT_SECRET is too predictable (about 0 bits by its character frequencies; at least 96 needed); generate one with `openssl rand -base64 32`.',
    ]);
    expect(directorySnapshot(dir)).toBeNull();
  }, 30_000);

  it('refuses a short JWT secret and a weak development key file alike', async () => {
    const dir = join(root, 'weak-dev');
    mkdirSync(dir, { mode: 0o700 });
    writeFileSync(join(dir, 'master.key'), `${Buffer.alloc(32, 0xff).toString('base64')}\n`, { mode: 0o600 });
    const before = directorySnapshot(dir);
    const result = await runCliProcess(['serve', '--environment', 'development', '--data-dir', dir], {
      VOUCH_JWT_SECRET: 'too-short',
    });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      `vouch: ${dir}/master.key is one byte repeated (0xff × 32), not a key; generate one with \`openssl rand -base64 32\`.`,
      'vouch: VOUCH_JWT_SECRET must be at least 32 bytes long (it has 9); generate one with `openssl rand -base64 32`.',
    ]);
    expect(directorySnapshot(dir)).toEqual(before);
  }, 30_000);

  it('a wrong value next to a fresh development directory generates no key file first', async () => {
    const dir = join(root, 'fresh');
    const result = await runCliProcess([
      'serve',
      '--environment',
      'development',
      '--port',
      'http',
      '--data-dir',
      dir,
    ]);
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      'vouch: --port must be a whole number from 0 to 65535 (got "http").',
    ]);
    expect(directorySnapshot(dir)).toBeNull();
  }, 30_000);
});

describe('a development start on a fresh data directory', () => {
  it('creates the directory 0700 and the database, its WAL, shared memory and key files 0600', async () => {
    const dir = join(root, 'fresh-dev', 'data');
    const server = spawnCli(['serve', '--environment', 'development', '--port', '0', '--data-dir', dir]);
    try {
      await server.waitFor(/Vouch API: http/);
      const modes = Object.fromEntries(
        readdirSync(dir).map((name) => [name, (statSync(join(dir, name)).mode & 0o777).toString(8)]),
      );
      expect((statSync(dir).mode & 0o777).toString(8)).toBe('700');
      expect(modes).toMatchObject({
        'master.key': '600',
        'jwt.secret': '600',
        'vouch.db': '600',
        'vouch.db-wal': '600',
        'vouch.db-shm': '600',
      });
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  }, 60_000);
});
