/**
 * The server `request-promotion.bench.ts` measures, in a process of its own (run with --trace-gc-nvp): prints
 * `LISTENING <url>` once it answers. `raw`: node's HTTP server answering a fixed JSON (the floor: nothing of a
 * request outlives it); `express`: Express 5 with `express.json()` on node's server, as Express is usually served;
 * `express-prototyped`: the same app on `expressHttpServer`; `api`: `createApiServer` of `API_ROOT` (default this
 * checkout) over a copy of the seeded SQLite file `FILE` (key `KEY`), caught up before it listens.
 */
import 'reflect-metadata';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { createApiServer as CreateApiServer } from '../../../apps/api/src';
import { expressHttpServer } from '../../../apps/api/src/server/express-http-server';

const BODY = JSON.stringify({ data: { __typename: 'Query' } });
export const PROMOTION_SECRET = 'request-promotion-bench-secret-0123456789';

async function server(variant: string): Promise<Server> {
  if (variant === 'raw')
    return createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        res.setHeader('content-type', 'application/json');
        res.end(BODY);
      });
    });
  if (variant === 'express' || variant === 'express-prototyped') {
    const app = express();
    app.use('/graphql', express.json(), (_req, res) => {
      res.json({ data: { __typename: 'Query' } });
    });
    return variant === 'express' ? createServer(app) : expressHttpServer(app);
  }
  if (variant !== 'api') throw new Error(`raw|express|express-prototyped|api, not ${variant}`);
  const root = process.env.API_ROOT ?? join(__dirname, '..', '..', '..');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- another checkout's API, for a before/after
  const { createApiServer } = require(join(root, 'apps', 'api', 'src')) as {
    createApiServer: typeof CreateApiServer;
  };
  const { createVouch } = await import('@vouch/application');
  const { SqliteEventStore } = await import('@vouch/event-store-sqlite');
  const pino = (await import('pino')).default;
  const dir = mkdtempSync(join(tmpdir(), 'vouch-promotion-'));
  copyFileSync(process.env.FILE!, join(dir, 'vouch.db'));
  const masterKey = Buffer.from(readFileSync(process.env.KEY!, 'utf8').trim(), 'hex');
  const store = SqliteEventStore.open({ filename: join(dir, 'vouch.db'), masterKey });
  const vouch = createVouch({ store, dueWorkIntervalMs: 0 });
  await vouch.queries.searchAdvocates(
    { tenantId: 'bench', userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] },
    {},
    { first: 1 },
  );
  const api = await createApiServer({
    vouch,
    auth: { hs256Secret: PROMOTION_SECRET },
    environment: 'production',
    // The access log written as `vouch serve` writes it (synchronously), to nowhere.
    logger: pino({ level: 'info' }, pino.destination({ dest: '/dev/null', sync: true })),
    limits: { rateLimitPerWindow: 1e9 },
  });
  return api.httpServer;
}

if (require.main === module)
  void server(process.argv[2]!).then((http) =>
    http.listen(0, '127.0.0.1', () => {
      const { port } = http.address() as { port: number };
      process.stdout.write(`LISTENING http://127.0.0.1:${port}/graphql\n`);
    }),
  );
