/**
 * What a request leaves to the old generation (a script, not a test): each server of
 * `support/promotion-server.ts` in a process of its own with --trace-gc-nvp, sent `--requests` requests
 * (`--connections` at a time, after a warm-up of as many) over HTTP on loopback; prints, per server and query,
 * the bytes each request allocated in the young generation and the bytes promoted to the old generation per
 * request in that window (survivors of two scavenges: they stay until the next full collection, which at 100k
 * advocates marks a ≈ 610 MB heap), and how much the heap grew per request from one scavenge to the next (the
 * promoted bytes plus what went to the old generation directly). `raw` (node's HTTP server alone) is the floor.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/request-promotion.bench.ts
 *     --file <advocates-10000.db> --key <advocates-10000.key> [--requests 4000] [--connections 1]
 *     [--servers raw,express,express-prototyped,api] [--rounds 1] [--api-root <checkout for a "before">]
 *     [--node-flags "--max-old-space-size=896"]   (the served process's V8 flags: `vouch serve` runs under its heap bound)
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { SignJWT } from 'jose';
import { PROMOTION_SECRET } from './support/promotion-server';
import { NO_SCAVENGE, ScavengeNvpTally, scavengesBetween } from './support/scavenge-nvp-tally';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const REQUESTS = Number(args.get('requests') ?? 4000);
const CONNECTIONS = Number(args.get('connections') ?? 1);
const ROUNDS = Number(args.get('rounds') ?? 1);
const SERVERS = (args.get('servers') ?? 'raw,express,express-prototyped,api').split(',');
const NODE_FLAGS = (args.get('node-flags') ?? '').split(' ').filter(Boolean);
const SEARCH =
  'query($f: AdvocateSearchInput) { searchAdvocates(filter: $f, first: 20) { edges { cursor node { advocateId view company seniority products } } pageInfo { hasNextPage endCursor } } }';
const QUERIES: Record<string, string> = {
  typename: JSON.stringify({ query: '{ __typename }' }),
  search: JSON.stringify({ query: SEARCH, variables: { f: { industries: ['Manufacturing'] } } }),
};

const kb = (bytes: number) => (bytes / 1024).toFixed(2);

async function measure(server: string, round: number): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--trace-gc-nvp',
      ...NODE_FLAGS,
      '-r',
      '@swc-node/register',
      join(__dirname, 'support', 'promotion-server.ts'),
      server,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        FILE: args.get('file'),
        KEY: args.get('key'),
        ...(args.has('api-root') ? { API_ROOT: args.get('api-root') } : {}),
      },
    },
  );
  const tally = new ScavengeNvpTally();
  let url = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    url ||= /^LISTENING (\S+)$/m.exec(text)?.[1] ?? '';
    tally.feed(text);
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  while (!url) {
    if (child.exitCode !== null) throw new Error(`${server} exited before it listened`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const token = await new SignJWT({ sub: 'pat-pm', tenant: 'bench', roles: ['PROGRAM_MANAGER'] })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(PROMOTION_SECRET));
  const send = (body: string) =>
    autocannon({
      url,
      method: 'POST',
      connections: CONNECTIONS,
      amount: REQUESTS,
      sampleInt: 10,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
  for (const [name, body] of Object.entries(QUERIES)) {
    if (name === 'search' && server !== 'api') continue;
    await send(body);
    // The scavenges of the window: the last one reported before the next window starts.
    const before = tally.now();
    const result = await send(body);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const window = before === NO_SCAVENGE ? tally.now() : scavengesBetween(before, tally.now());
    const failed = result.non2xx + result.errors;
    process.stdout.write(
      `| ${round} | ${server}${args.has('api-root') && server === 'api' ? ` (${args.get('api-root')})` : ''} | ${name} | ${REQUESTS} | ${window.scavenges} | ${kb(window.allocated / REQUESTS)} | ${kb(window.survived / REQUESTS)} | ${kb(window.promoted / REQUESTS)} | ${kb(window.grown / REQUESTS)} | ${failed} | ${loadavg()[0]!.toFixed(1)} |\n`,
    );
  }
  child.kill('SIGTERM');
  await exited;
}

async function main(): Promise<void> {
  process.stdout.write(
    `Node ${process.version}, ${CONNECTIONS} connection(s), ${REQUESTS} requests per window after as many to warm up, ` +
      `server flags: ${NODE_FLAGS.join(' ') || 'none'}.\n\n` +
      '| round | server | query | requests | scavenges | KB allocated/req | KB survived/req | KB promoted/req | KB heap grown/req | failed | load |\n' +
      '| --: | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: |\n',
  );
  for (let round = 1; round <= ROUNDS; round++) for (const server of SERVERS) await measure(server, round);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
