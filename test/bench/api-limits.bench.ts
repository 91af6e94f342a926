/**
 * API limits benchmark (a script, not a test), before and after issue 13, in one process:
 *   1. validation time of fragment fan-outs (`levels` fragments, each spreading the next 10
 *      times: 10^(levels-1) paths): graphql-js's own rules plus the limits, and the cost
 *      estimate — the old hand-written rules and graphql-query-complexity against
 *      graphql-armor's rules and the memoized cost walk (plus, over HTTP, the execution timeout);
 *   2. req/s of `{ __typename }` and `searchAdvocates` over HTTP (loopback, autocannon) on two
 *      servers that differ only in their limits (same schema, auth, Express and Apollo
 *      settings), plus the real `createApiServer` (which adds rate limits, the timeout, CORS,
 *      request logging) for reference.
 *
 *   npm run bench:api-limits -- [--advocates 2000] [--seconds 5] [--connections 20] [--rounds 3]
 */
import 'reflect-metadata';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { createVouch, type Principal, type Vouch } from '@vouch/application';
import { InMemoryEventStore } from '@vouch/event-store';
import autocannon from 'autocannon';
import express from 'express';
import {
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import { SignJWT } from 'jose';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { buildApiSchema, createApiServer, DEFAULT_LIMITS } from '../../apps/api/src';
import { bearerToken } from '../../apps/api/src/auth/bearer-token';
import { createTokenVerifier } from '../../apps/api/src/auth/token-verifier';
import type { ApiContext } from '../../apps/api/src/context/api-context';
import { createErrorFormatter } from '../../apps/api/src/errors/format-error';
import { costLimitPlugin } from '../../apps/api/src/limits/cost-limit-plugin';
import { executionTimeoutPlugin } from '../../apps/api/src/limits/execution-timeout-plugin';
import { operationCost } from '../../apps/api/src/limits/operation-cost';
import { validationLimits } from '../../apps/api/src/limits/validation-limits';
import { fragmentChain } from '../../apps/api/test/support/fan-out-documents';
import * as before from './support/limits-before-issue-13';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const ADVOCATES = Number(args.get('advocates') ?? 2000);
const SECONDS = Number(args.get('seconds') ?? 5);
const CONNECTIONS = Number(args.get('connections') ?? 20);
const ROUNDS = Number(args.get('rounds') ?? 3);
const TENANT = 'bench';
const SECRET = 'bench-secret-that-is-at-least-32-bytes-long';
const NOW = '2026-11-23T09:00:00.000Z';
const pm: Principal = { tenantId: TENANT, userId: 'pat-pm', roles: ['PROGRAM_MANAGER'] };

const SEARCH =
  'query($f: AdvocateSearchInput) { searchAdvocates(filter: $f, first: 20) { edges { cursor node { advocateId view company seniority products } } pageInfo { hasNextPage endCursor } } }';

interface Limits {
  readonly rules: ValidationRule[];
  readonly cost: (schema: GraphQLSchema, document: DocumentNode) => number | undefined;
  readonly plugins: ApolloServerPlugin[];
}

const LIMITS: Record<'before' | 'after', Limits> = {
  before: {
    rules: [before.depthLimitRule(DEFAULT_LIMITS.maxDepth), before.aliasLimitRule(DEFAULT_LIMITS.maxAliases)],
    cost: (schema, document) => before.operationCost(schema, document, {}, undefined),
    plugins: [
      {
        async requestDidStart() {
          return {
            async didResolveOperation({ request, document, schema }) {
              const cost = before.operationCost(schema, document, request.variables, request.operationName);
              if (cost !== undefined && cost > DEFAULT_LIMITS.maxCost) throw new Error('too complex');
            },
          };
        },
      },
    ],
  },
  after: {
    rules: validationLimits(DEFAULT_LIMITS, { development: false }),
    cost: (schema, document) => operationCost(schema, document, {}, undefined),
    plugins: [
      costLimitPlugin(DEFAULT_LIMITS.maxCost),
      executionTimeoutPlugin(DEFAULT_LIMITS.executionTimeoutMs),
    ],
  },
};

/** Median milliseconds of `run`, repeated until `budgetMs` is spent (at least 3 times). */
function timeIt(run: () => void, budgetMs = 1500): number {
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < 3 || (performance.now() - started < budgetMs && samples.length < 200)) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

function validationTimes(schema: GraphQLSchema): string[] {
  const rows: string[] = [];
  const check = (limits: Limits, document: DocumentNode) => () => {
    validate(schema, document, [...specifiedRules, ...limits.rules]);
    try {
      limits.cost(schema, document);
    } catch {
      // graphql-query-complexity gives up past 10,000 nodes; it walked them all the same.
    }
  };
  for (const levels of [4, 5, 6, 7, 10]) {
    const source = `query { viewer { ...F0 } }\n${fragmentChain('Viewer', 'userId', levels, 10)}`;
    const document = parse(source);
    // The old rules on 10 levels take minutes (581 s measured): not run.
    const old = levels <= 7 ? timeIt(check(LIMITS.before, document)) : undefined;
    const now = timeIt(check(LIMITS.after, document));
    rows.push(
      `| ${levels} × 10 | 10^${levels - 1} | ${source.length.toLocaleString('en')} B | ${old === undefined ? 'not run (minutes)' : old.toFixed(2)} | ${now.toFixed(3)} |`,
    );
    process.stderr.write(`${rows.at(-1)}\n`);
  }
  return rows;
}

/** An API server differing from its twin only in its limits. */
async function limitsServer(schema: GraphQLSchema, vouch: Vouch, limits: Limits) {
  const verify = createTokenVerifier({ hs256Secret: SECRET });
  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection: false,
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: DEFAULT_LIMITS.maxTokens },
    validationRules: limits.rules,
    formatError: createErrorFormatter({ development: false }),
    plugins: limits.plugins,
  });
  await apollo.start();
  const logger = pino({ level: 'silent' });
  const app = express();
  app.use(
    '/graphql',
    express.json({ limit: DEFAULT_LIMITS.maxBodyBytes }),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<ApiContext> => ({
        principal: (await verify(bearerToken(req.get('authorization')))).principal,
        vouch,
        requestId: 'bench',
        logger,
      }),
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    stop: async () => {
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    },
  };
}

async function requestsPerSecond(
  url: string,
  token: string,
  query: string,
  variables: object,
  seconds = SECONDS,
): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: seconds,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  if (result.errors + result.non2xx > 0)
    throw new Error(`${url}: ${result.errors + result.non2xx} failed requests`);
  return result.requests.average;
}

async function main(): Promise<void> {
  const schema = buildApiSchema();
  const validationRows = validationTimes(schema);

  const store = new InMemoryEventStore({ clock: () => NOW });
  const vouch = createVouch({ store, clock: () => NOW, dueWorkIntervalMs: 0 });
  await vouch.start();
  await vouch.execute(pm, {
    type: 'RegisterAccount',
    commandId: 'acct',
    data: {
      accountId: 'acct',
      name: 'Company',
      industry: 'Manufacturing',
      segment: 'ENTERPRISE',
      region: 'EMEA',
      products: ['Planner'],
      ownerId: 'olga-ae',
    },
  } as never);
  for (let i = 0; i < ADVOCATES; i++) {
    const advocateId = `adv-${i}`;
    await vouch.execute(pm, {
      type: 'EnrolAdvocate',
      commandId: `enrol-${i}`,
      data: {
        advocateId,
        accountId: 'acct',
        name: `Advocate ${i}`,
        email: `${advocateId}@example.com`,
        title: 'Head of Operations',
        seniority: 'DIRECTOR',
        products: ['Planner'],
        useCases: ['planning'],
        languages: ['en'],
      },
    } as never);
    await vouch.execute(pm, {
      type: 'ActivateAdvocate',
      commandId: `activate-${i}`,
      aggregateId: advocateId,
      data: {},
    } as never);
  }
  await vouch.queries.searchAdvocates(pm, {}, { first: 1 });
  const token = await new SignJWT({ sub: pm.userId, tenant: TENANT, roles: pm.roles })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime('2h')
    .sign(new TextEncoder().encode(SECRET));

  const beforeServer = await limitsServer(schema, vouch, LIMITS.before);
  const afterServer = await limitsServer(schema, vouch, LIMITS.after);
  const real = await createApiServer({
    vouch,
    auth: { hs256Secret: SECRET },
    environment: 'production',
    logger: pino({ level: 'silent' }),
    limits: { rateLimitPerWindow: 1e9 },
    subscriptions: false,
  });
  const { url: realUrl } = await real.listen({ port: 0, host: '127.0.0.1' });

  const httpRows: string[] = [];
  for (const [label, query, variables] of [
    ['`{ __typename }`', '{ __typename }', {}],
    ['`searchAdvocates` (first 20)', SEARCH, { f: { industries: ['Manufacturing'] } }],
  ] as const) {
    // Warm both up (JIT, caches), then interleave, so a drift of the shared machine hits both alike.
    await requestsPerSecond(beforeServer.url, token, query, variables, 2);
    await requestsPerSecond(afterServer.url, token, query, variables, 2);
    const olds: number[] = [];
    const news: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      olds.push(await requestsPerSecond(beforeServer.url, token, query, variables));
      news.push(await requestsPerSecond(afterServer.url, token, query, variables));
    }
    const full = await requestsPerSecond(realUrl, token, query, variables);
    const old = olds.reduce((a, b) => a + b, 0) / olds.length;
    const now = news.reduce((a, b) => a + b, 0) / news.length;
    const runs = (values: number[]) => values.map((v) => Math.round(v).toLocaleString('en')).join(', ');
    httpRows.push(
      `| ${label} | ${Math.round(old).toLocaleString('en')} (${runs(olds)}) | ${Math.round(now).toLocaleString('en')} (${runs(news)}) | ${(now / old).toFixed(2)} | ${Math.round(full).toLocaleString('en')} |`,
    );
    process.stderr.write(`${httpRows.at(-1)}\n`);
  }
  await beforeServer.stop();
  await afterServer.stop();
  await real.stop();
  await vouch.stop();

  process.stdout.write(
    [
      `Node ${process.version}; validation: medians; HTTP: ${CONNECTIONS} connections, ${SECONDS} s per run, ${ROUNDS} interleaved rounds after a warm-up, loopback, ${ADVOCATES.toLocaleString('en')} advocates.`,
      '',
      '| fan-out | paths | document | before ms | after ms |',
      '| --- | --: | --: | --: | --: |',
      ...validationRows,
      '',
      '| operation | req/s before (runs) | req/s after (runs) | after ÷ before | req/s `createApiServer` |',
      '| --- | --: | --: | --: | --: |',
      ...httpRows,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
