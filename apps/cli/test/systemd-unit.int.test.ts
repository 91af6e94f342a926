import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The systemd unit of docs/deploy: its ExecStart and Environment= lines, run as systemd
// would (paths moved into a temporary directory, port 0), then stopped with its KillSignal.

const ROOT = join(__dirname, '..', '..', '..');
const unit = readFileSync(join(ROOT, 'docs', 'deploy', 'vouch.service'), 'utf8');
const settings = (key: string) =>
  unit
    .split('\n')
    .filter((line) => line.startsWith(`${key}=`))
    .map((line) => line.slice(key.length + 1));

describe('the systemd unit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vouch-unit-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('its ExecStart serves production with the Environment= lines and stops on its KillSignal with 0', async () => {
    const [execStart] = settings('ExecStart');
    expect(execStart).toBe('/usr/bin/node /opt/vouch/apps/cli/dist/main.js serve');
    const argv = execStart!.replaceAll('/opt/vouch', ROOT).split(' ');
    // The unit runs the built CLI: build it as `npm run build` does (incremental; a deleted
    // dist looks up to date to tsc -b, so then with --force).
    const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
    const build = (...flags: string[]) =>
      spawnSync(process.execPath, [tsc, '-b', ...flags, join(ROOT, 'apps', 'cli')], { cwd: ROOT }).status;
    expect(build()).toBe(0);
    if (!existsSync(argv[1]!)) expect(build('--force')).toBe(0);
    const environment = Object.fromEntries(
      settings('Environment').map((line) => line.split('=', 2) as [string, string]),
    );
    expect(environment).toMatchObject({ VOUCH_ENVIRONMENT: 'production', VOUCH_HOST: '127.0.0.1' });
    const { privateKey } = generateKeyPairSync('ed25519');
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        ...environment,
        VOUCH_DATA_DIR: join(dir, 'data'),
        PORT: '0',
        // What /etc/vouch/vouch.env holds.
        VOUCH_MASTER_KEY: randomBytes(32).toString('base64'),
        VOUCH_JWT_SECRET: randomBytes(32).toString('base64'),
        VOUCH_SIGNING_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) =>
      child.once('exit', (code, signal) => {
        if (code === null) process.stderr.write(`unit process killed by ${signal}\n${out}\n${err}\n`);
        resolve(code);
      }),
    );
    try {
      const deadline = Date.now() + 60_000;
      while (!/Vouch API: http:\/\/127\.0\.0\.1:\d+\/graphql/.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`never served:\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(out).toContain('"environment":"production"');
      const [signal] = settings('KillSignal');
      // Only the main process gets it: the CLI passes it on to the node it relaunched with the heap bound.
      expect(settings('KillMode')).toEqual(['mixed']);
      const stopTimeoutMs = Number(settings('TimeoutStopSec')[0]) * 1000;
      const stopAt = Date.now();
      child.kill(signal as NodeJS.Signals);
      expect(await exited).toBe(0);
      expect(Date.now() - stopAt).toBeLessThan(stopTimeoutMs);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 300_000);
});
