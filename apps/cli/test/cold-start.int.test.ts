import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/** The modules `vouch <args>` loaded, run from source in a fresh process. */
function modulesLoadedBy(args: readonly string[]): { code: number; modules: string[] } {
  const run = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', 'apps/cli/test/support/loaded-modules-child.ts', ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SWC_NODE_PROJECT: 'apps/cli/tsconfig.run.json', VOUCH_JWT_SECRET: '' },
    },
  );
  const last = run.stdout.trim().split('\n').at(-1) ?? '';
  if (!last.startsWith('{')) throw new Error(`no module list:\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(last) as { code: number; modules: string[] };
}

// What only serving, seeding or reading a store needs: none of it may load for a token or help.
const HEAVY = [
  /[\\/]apps[\\/]api[\\/]/,
  /[\\/]packages[\\/]event-store[^\\/]*[\\/]/,
  /[\\/]packages[\\/](projections|application)[\\/]/,
  /[\\/]node_modules[\\/](graphql|type-graphql|@apollo|better-sqlite3|pg|@eventstore|@kurrent|pino)[\\/]/,
];
const heavyIn = (modules: readonly string[]) => modules.filter((m) => HEAVY.some((h) => h.test(m)));
// What only `vouch serve` needs: the server's own configuration (auth keys, webhooks, tracing,
// inbound routes, signing key…). `reflect-metadata` is loaded by every entry point (DESIGN.md).
const SERVE_ONLY = [
  /[\\/]apps[\\/]cli[\\/]src[\\/]config[\\/](serve-config|auth-config|digest-interval|inbound-config|lease-ttl|metrics-enabled|signing-key|tracing-config|webhook-config)\.ts$/,
];
const serveOnlyIn = (modules: readonly string[]) => modules.filter((m) => SERVE_ONLY.some((h) => h.test(m)));

describe('CLI cold start (issue 15 item 6): a command loads only what it needs', () => {
  let dataDir: string;
  beforeAll(() => (dataDir = mkdtempSync(join(tmpdir(), 'vouch-cold-'))));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('`vouch token` signs without loading the API, a store driver or the read models', () => {
    const run = modulesLoadedBy(['token', '--user', 'u-1', '--roles', 'ADMIN', '--data-dir', dataDir]);
    expect(run.code).toBe(0);
    expect(heavyIn(run.modules)).toEqual([]);
    expect(serveOnlyIn(run.modules)).toEqual([]);
    // Of the domain only the role names (`@vouch/domain/roles`), not its 100-odd modules.
    const domain = run.modules.filter((m) => /[\\/]packages[\\/]domain[\\/]/.test(m));
    expect(domain.map((m) => m.split(/[\\/]/).slice(-2).join('/'))).toEqual(['shared/roles.ts']);
    // The control: the test does see the modules a command loads (jose signs the token).
    expect(run.modules.some((m) => /[\\/]node_modules[\\/]jose[\\/]/.test(m))).toBe(true);
  }, 60_000);

  it('`vouch --help` loads no command at all', () => {
    const run = modulesLoadedBy(['--help']);
    expect(run.code).toBe(0);
    expect(heavyIn(run.modules)).toEqual([]);
    expect(serveOnlyIn(run.modules)).toEqual([]);
    expect(run.modules.some((m) => /[\\/]node_modules[\\/]jose[\\/]/.test(m))).toBe(false);
  }, 60_000);

  it('`vouch serve` does load its own configuration (the control of the lists above)', () => {
    // A wrong flag stops serve after its configuration loaded and before a store opens.
    const run = modulesLoadedBy(['serve', '--jwks-url', 'not-a-url', '--data-dir', dataDir]);
    expect(run.code).toBe(2);
    expect(serveOnlyIn(run.modules).map((m) => m.split(/[\\/]/).at(-1))).toEqual(
      expect.arrayContaining(['serve-config.ts', 'auth-config.ts', 'signing-key.ts']),
    );
    expect(heavyIn(run.modules)).toEqual([]);
  }, 60_000);

  it('a wrong usage still exits 2 without loading a store', () => {
    const run = modulesLoadedBy(['token', '--user', 'u-1', '--roles', 'NOBODY', '--data-dir', dataDir]);
    expect(run.code).toBe(2);
    expect(heavyIn(run.modules)).toEqual([]);
  }, 60_000);
});
