import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';

const run = promisify(execFile);
const root = resolve(__dirname, '..');

/** Runs examples/embedding as a newcomer would, with the given environment. */
async function runExample(env: Record<string, string>): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['-r', '@swc-node/register', 'examples/embedding/src/main.ts'],
    {
      cwd: root,
      env: { ...process.env, SWC_NODE_PROJECT: 'tsconfig.typecheck.json', ...env },
      timeout: 60_000,
    },
  );
  return stdout;
}

describe('the embedding example', () => {
  it('runs the reference workflow on the embedded SQLite store', async () => {
    const out = await runExample({});
    expect(out).toMatch(/best match: ines scoring \d+/);
    expect(out).toContain('request req-1 is FULFILLED');
    expect(out).toMatch(/store: SQLite .* integrity verified over \d+ events/);
  }, 60_000);

  describe('on PostgreSQL', () => {
    const server = usePostgresTestServer();

    it('runs the same workflow when DATABASE_URL is set', async () => {
      const out = await runExample({ DATABASE_URL: server.url });
      expect(out).toContain('request req-1 is FULFILLED');
      expect(out).toMatch(/store: PostgreSQL; integrity verified/);
    }, 60_000);
  });
});
