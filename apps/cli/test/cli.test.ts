import { randomBytes } from 'node:crypto';
import { runCli } from '../src/cli';
import { ExitCode } from '../src/config/exit-codes';
import { resolveServerConfig } from '../src/config/server-config';
import { resolveStoreConfig } from '../src/config/store-config';
import { ConfigError } from '../src/config/config-error';
import { decodeMasterKey, strongMasterKey } from '../src/config/secrets';
import { jwtSecretWeakness } from '../src/config/secret-strength';
import { resolveTokenPolicy } from '../src/config/token-policy';
import { parseLifetime, parseRoles } from '../src/tokens/sign-token';
import { memoryIo } from './support/memory-io';

const issuesOf = (fn: () => unknown): readonly string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
};

describe('vouch --help and exit codes', () => {
  it('lists every command, the environment and the exit codes; exits 0', async () => {
    const io = memoryIo();
    expect(await runCli(['--help'], io)).toBe(ExitCode.OK);
    for (const command of ['serve', 'seed', 'token', 'rebuild', 'start']) expect(io.out()).toContain(command);
    expect(io.out()).toContain('VOUCH_MASTER_KEY');
    expect(io.out()).toContain('Exit codes: 0 done, 1 failed, 2 wrong usage or configuration.');
  });

  it.each([
    ['serve', ['--store <kind>', '--database-url <url>', '--connection-string <url>', '--port <port>']],
    ['seed', ['--seed <n>', '--scale <x>', '--until <date>', '--tenant <id>']],
    ['token', ['--user <id>', '--roles <roles>', '--tenant <id>', '--expires-in <duration>']],
    ['rebuild', ['--tenant <id...>', '--store <kind>']],
    ['start', ['--data-dir <dir>', '--port <port>', '--scale <x>']],
  ])('vouch %s --help explains its options and exits 0', async (command, options) => {
    const io = memoryIo();
    expect(await runCli([command, '--help'], io)).toBe(ExitCode.OK);
    for (const option of options) expect(io.out()).toContain(option);
  });

  it('exits 2 on an unknown command, an unknown option or a missing required option', async () => {
    const unknownCommand = memoryIo();
    expect(await runCli(['launch'], unknownCommand)).toBe(ExitCode.USAGE);
    expect(unknownCommand.err()).toContain("unknown command 'launch'");

    const unknownOption = memoryIo();
    expect(await runCli(['seed', '--sede', '3'], unknownOption)).toBe(ExitCode.USAGE);
    expect(unknownOption.err()).toContain("unknown option '--sede'");

    const missing = memoryIo();
    expect(await runCli(['token', '--roles', 'ADMIN'], missing)).toBe(ExitCode.USAGE);
    expect(missing.err()).toContain("required option '--user <id>' not specified");
  });

  it('exits 2 without a command, showing the usage', async () => {
    const io = memoryIo();
    expect(await runCli([], io)).toBe(ExitCode.USAGE);
    expect(io.err()).toContain('Usage: vouch');
  });

  it('exits 2 with one message per wrong value, before touching any store', async () => {
    const io = memoryIo({ VOUCH_STORE: 'mysql' });
    expect(await runCli(['rebuild', '--data-dir', '/nonexistent/vouch'], io)).toBe(ExitCode.USAGE);
    expect(io.err()).toBe(
      'vouch: VOUCH_STORE must be one of sqlite, postgres, eventstoredb (got "mysql").\n' +
        'vouch: No master key: set VOUCH_MASTER_KEY (base64 of 32 bytes, e.g. `openssl rand -base64 32`) or put it in /nonexistent/vouch/master.key.\n',
    );

    const badFlags = memoryIo();
    expect(await runCli(['seed', '--scale', 'lots', '--until', 'yesterday'], badFlags)).toBe(ExitCode.USAGE);
    expect(badFlags.err()).toContain('--scale must be a number above 0 and at most 10 (got "lots").');

    const badStoreFlag = memoryIo();
    expect(await runCli(['serve', '--store', 'mysql'], badStoreFlag)).toBe(ExitCode.USAGE);
    expect(badStoreFlag.err()).toContain(
      "argument 'mysql' is invalid. Allowed choices are sqlite, postgres, eventstoredb.",
    );

    const roles = memoryIo();
    expect(await runCli(['token', '--user', 'pat', '--roles', 'PM,ADMIN'], roles)).toBe(ExitCode.USAGE);
    expect(roles.err()).toContain('(unknown: PM)');
  });
});

describe('configuration validation', () => {
  it('defaults to SQLite in ./data', () => {
    const config = resolveStoreConfig({}, {});
    expect(config.kind).toBe('sqlite');
    expect(config.sqliteFile).toMatch(/data[/\\]vouch\.db$/);
  });

  it('takes flags over the environment', () => {
    const config = resolveStoreConfig(
      { store: 'postgres', databaseUrl: 'postgres://flag@db/vouch' },
      { VOUCH_STORE: 'eventstoredb', DATABASE_URL: 'postgres://env@db/vouch' },
    );
    expect(config).toMatchObject({ kind: 'postgres', databaseUrl: 'postgres://flag@db/vouch' });
  });

  it('names what each store is missing', () => {
    expect(issuesOf(() => resolveStoreConfig({ store: 'postgres' }, {}))).toEqual([
      'The postgres store needs --database-url or DATABASE_URL (postgres://user:pass@host:5432/db).',
    ]);
    expect(
      issuesOf(() => resolveStoreConfig({}, { VOUCH_STORE: 'postgres', DATABASE_URL: 'mysql://x' })),
    ).toEqual(['--database-url / DATABASE_URL must start with postgres:// or postgresql://.']);
    expect(issuesOf(() => resolveStoreConfig({ store: 'eventstoredb' }, {}))).toEqual([
      'The eventstoredb store needs --connection-string or EVENTSTORE_CONNECTION_STRING (esdb://host:2113?tls=false).',
    ]);
    expect(
      resolveStoreConfig(
        { store: 'eventstoredb' },
        { EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' },
      ),
    ).toMatchObject({ kind: 'eventstoredb', connectionString: 'esdb://localhost:2113?tls=false' });
  });

  it('reports every wrong server value at once', () => {
    expect(
      issuesOf(() =>
        resolveServerConfig(
          {},
          { PORT: 'http', VOUCH_ENVIRONMENT: 'staging' },
          { environment: 'production', port: 4000 },
        ),
      ),
    ).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "http").',
      'VOUCH_ENVIRONMENT must be development or production (got "staging").',
    ]);
    expect(
      issuesOf(() => resolveServerConfig({ port: '70000' }, {}, { environment: 'production', port: 4000 })),
    ).toEqual(['--port must be a whole number from 0 to 65535 (got "70000").']);
    expect(resolveServerConfig({}, { PORT: '8080' }, { environment: 'development', port: 4000 })).toEqual({
      port: 8080,
      host: '127.0.0.1',
      environment: 'development',
      corsOrigins: [],
      trustProxy: false,
    });
    expect(
      resolveServerConfig(
        { corsOrigin: ['https://app.example.com'] },
        { VOUCH_CORS_ORIGINS: 'https://ignored.example.com', VOUCH_TRUST_PROXY: '10.0.0.0/8, loopback' },
        { environment: 'production', port: 4000 },
      ),
    ).toMatchObject({ corsOrigins: ['https://app.example.com'], trustProxy: ['10.0.0.0/8', 'loopback'] });
    expect(
      resolveServerConfig({ trustProxy: '2' }, {}, { environment: 'production', port: 4000 }).trustProxy,
    ).toBe(2);
    expect(
      issuesOf(() =>
        resolveServerConfig(
          {},
          { VOUCH_CORS_ORIGINS: 'https://app.example.com/path,*' },
          { environment: 'production', port: 4000 },
        ),
      ),
    ).toEqual([
      'VOUCH_CORS_ORIGINS must list origins like https://app.example.com (got "https://app.example.com/path").',
      'VOUCH_CORS_ORIGINS must list origins like https://app.example.com (got "*").',
    ]);
  });

  it('accepts only a base64 master key of exactly 32 bytes', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(decodeMasterKey(key, 'VOUCH_MASTER_KEY')).toHaveLength(32);
    expect(issuesOf(() => decodeMasterKey(Buffer.alloc(16).toString('base64'), 'VOUCH_MASTER_KEY'))).toEqual([
      'VOUCH_MASTER_KEY must decode to 32 bytes (it decodes to 16).',
    ]);
    expect(issuesOf(() => decodeMasterKey('not base64!', 'VOUCH_MASTER_KEY'))).toEqual([
      'VOUCH_MASTER_KEY must be base64 (e.g. `openssl rand -base64 32`).',
    ]);
  });

  it('refuses a master key of one repeated byte and a short or predictable JWT secret', () => {
    expect(issuesOf(() => strongMasterKey(Buffer.alloc(32).toString('base64'), 'VOUCH_MASTER_KEY'))).toEqual([
      'VOUCH_MASTER_KEY is one byte repeated (0x00 × 32), not a key; generate one with `openssl rand -base64 32`.',
    ]);
    expect(strongMasterKey(randomBytes(32).toString('base64'), 'VOUCH_MASTER_KEY')).toHaveLength(32);
    expect(jwtSecretWeakness('a'.repeat(32), 'VOUCH_JWT_SECRET')).toMatch(
      /^VOUCH_JWT_SECRET is too predictable \(about 0 bits/,
    );
    expect(jwtSecretWeakness('ab'.repeat(40), 'VOUCH_JWT_SECRET')).toMatch(/too predictable/);
    expect(jwtSecretWeakness('password'.repeat(4), 'VOUCH_JWT_SECRET')).toMatch(/too predictable/);
    expect(jwtSecretWeakness('short', 'VOUCH_JWT_SECRET')).toMatch(/at least 32 bytes long \(it has 5\)/);
    // What `openssl rand -base64 32` and `-hex 32` give, and a long passphrase, pass.
    for (let i = 0; i < 200; i++) {
      expect(jwtSecretWeakness(randomBytes(32).toString('base64'), 'S')).toBeUndefined();
      expect(jwtSecretWeakness(randomBytes(32).toString('hex'), 'S')).toBeUndefined();
    }
    expect(jwtSecretWeakness('correct horse battery staple, then some', 'S')).toBeUndefined();
  });

  it('signs no token in production without VOUCH_JWT_SECRET, and writes no secret file', async () => {
    const io = memoryIo({ VOUCH_ENVIRONMENT: 'production' });
    expect(
      await runCli(['token', '--user', 'pat', '--roles', 'ADMIN', '--data-dir', '/nonexistent/vouch'], io),
    ).toBe(ExitCode.USAGE);
    expect(io.err()).toBe(
      'vouch: VOUCH_JWT_SECRET must be set outside development (at least 32 random bytes: `openssl rand -base64 32`); /nonexistent/vouch/jwt.secret is read in development only.\n',
    );
    expect(io.out()).toBe('');
  });

  it('parses roles and token lifetimes', () => {
    expect(parseRoles('program_manager, ACCOUNT_OWNER')).toEqual(['PROGRAM_MANAGER', 'ACCOUNT_OWNER']);
    expect(issuesOf(() => parseRoles(''))[0]).toContain('--roles must list one or more of');
    expect(parseLifetime('90m')).toBe(5400);
    expect(parseLifetime('24h')).toBe(86_400);
    // The API refuses tokens living longer than its maximum (24 h unless configured).
    expect(issuesOf(() => parseLifetime('7d'))[0]).toContain('at most 86400 seconds');
    expect(parseLifetime('7d', 7 * 86_400)).toBe(604_800);
    expect(issuesOf(() => parseLifetime('forever'))[0]).toContain('--expires-in must be a duration');
  });
});

describe('the token policy from the environment', () => {
  it('keeps the API defaults when nothing is set, and takes issuer, audience and bounds', () => {
    expect(resolveTokenPolicy({})).toEqual({});
    expect(
      resolveTokenPolicy({
        VOUCH_JWT_ISSUER: 'https://idp.example',
        VOUCH_JWT_AUDIENCE: 'vouch',
        VOUCH_JWT_CLOCK_TOLERANCE_SECONDS: '3',
        VOUCH_JWT_MAX_LIFETIME_SECONDS: '3600',
      }),
    ).toEqual({
      issuer: 'https://idp.example',
      audience: 'vouch',
      clockToleranceSeconds: 3,
      maxTokenLifetimeSeconds: 3600,
    });
  });

  it('refuses an unsafe tolerance or lifetime, naming each', () => {
    expect(() =>
      resolveTokenPolicy({
        VOUCH_JWT_CLOCK_TOLERANCE_SECONDS: '300',
        VOUCH_JWT_MAX_LIFETIME_SECONDS: 'forever',
      }),
    ).toThrow(/VOUCH_JWT_CLOCK_TOLERANCE_SECONDS[\s\S]*VOUCH_JWT_MAX_LIFETIME_SECONDS/);
  });
});
