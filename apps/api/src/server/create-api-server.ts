import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type Express } from 'express';
import { bearerToken } from '../auth/bearer-token';
import { createTokenVerifier, type TokenVerifier } from '../auth/token-verifier';
import type { ApiContext } from '../context/api-context';
import { createErrorFormatter } from '../errors/format-error';
import { inboundIntegrations } from '../inbound/inbound-routes';
import { costLimitPlugin } from '../limits/cost-limit-plugin';
import { executionTimeoutPlugin } from '../limits/execution-timeout-plugin';
import { DEFAULT_LIMITS, type LimitsOptions } from '../limits/limits-options';
import { validationLimits } from '../limits/validation-limits';
import { createLogger } from '../logging/create-logger';
import { errorLoggingPlugin } from '../logging/error-logging-plugin';
import { countingCommands } from '../metrics/instrumented';
import { metricsPlugin } from '../metrics/metrics-plugin';
import { buildApiSchema } from '../schema/build-schema';
import { graphqlTracingMiddleware, graphqlTracingPlugin } from '../tracing/graphql-tracing';
import { tracingCommands } from '../tracing/traced-commands';
import { cleanTextPlugin } from '../validation/unclean-text';
import type { ApiServerOptions } from './api-server-options';
import { expressHttpServer } from './express-http-server';
import { graphiqlRoute } from './graphiql-route';
import { healthRoutes } from './health-routes';
import { httpErrorHandler } from './http-errors';
import { httpOperationKindsPlugin } from './http-operation-kinds-plugin';
import { isIntrospectionOnly, SCHEMA_READER } from './introspection-only';
import { methodNotAllowed } from './method-not-allowed';
import { RateLimitError } from './rate-limit-error';
import { requestRateLimits } from './request-rate-limits';
import { requestContext, scopeOf } from './request-context';
import { startSubscriptionServer, type SubscriptionServer } from './subscription-server';

/** The GraphQL endpoint. */
export const GRAPHQL_PATH = '/graphql';

/** A built API server: listen, then stop. */
export interface ApiServer {
  readonly app: Express;
  readonly httpServer: Server;
  readonly limits: LimitsOptions;
  /** Starts listening; port 0 picks a free port. Resolves with the bound URL of the endpoint. */
  listen(options?: {
    readonly port?: number;
    readonly host?: string;
  }): Promise<{ url: string; port: number }>;
  /** Stops accepting requests, drains the ones in flight and stops Apollo. */
  stop(): Promise<void>;
}

/**
 * Builds the GraphQL API over the application facade: Apollo Server 5 on Express 5 with
 * JWT auth, per-user and per-address rate limits, depth/alias/directive/token/cost limits, an
 * execution timeout, a CORS allow-list, CSRF prevention, masked
 * errors, health and readiness probes, GraphiQL in development, and subscriptions over
 * WebSocket (graphql-ws) on the same path under the same rules.
 */
export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const development =
    (options.environment ?? (process.env.NODE_ENV === 'development' ? 'development' : 'production')) ===
    'development';
  const limits: LimitsOptions = { ...DEFAULT_LIMITS, ...options.limits };
  const logger = options.logger ?? createLogger();
  const verify: TokenVerifier =
    typeof options.auth === 'function' ? options.auth : createTokenVerifier(options.auth);
  const rateLimits = requestRateLimits(limits, options.rateLimitStore);
  const metrics = options.metrics;
  const tracer = options.tracer;
  const traced = tracer ? tracingCommands(options.vouch, tracer) : options.vouch;
  const vouch = metrics ? countingCommands(traced, metrics) : traced;

  const app = express();
  app.disable('x-powered-by');
  // Which proxies may name the client (X-Forwarded-For): the per-address rate limit and the
  // logs see the real client only behind a proxy listed here. Default: none.
  app.set('trust proxy', options.trustProxy ?? false);
  const httpServer = expressHttpServer(app);
  const schema = buildApiSchema();
  const introspection = options.introspection ?? development;
  const formatError = createErrorFormatter({ development });

  const apollo = new ApolloServer<ApiContext>({
    schema,
    introspection,
    hideSchemaDetailsFromClientErrors: !development,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // The host stops the server (vouch serve on SIGTERM/SIGINT, after the requests in flight):
    // Apollo's own handlers would re-raise the signal and end the process before the facade
    // and the store are closed.
    stopOnTerminationSignals: false,
    csrfPrevention: true,
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: validationLimits(limits, { development }),
    formatError,
    logger: {
      debug: (message) => logger.debug(message),
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message),
      error: (message) => logger.error(message),
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No type or field sets a cache hint (every answer depends on the caller), so Apollo's
      // default cache-control plugin only cost a policy per resolved field (≈ 11 % of a search).
      ApolloServerPluginCacheControlDisabled(),
      httpOperationKindsPlugin(),
      costLimitPlugin(limits.maxCost),
      cleanTextPlugin(),
      executionTimeoutPlugin(limits.executionTimeoutMs),
      errorLoggingPlugin(logger),
      ...(metrics ? [metricsPlugin(metrics)] : []),
      ...(tracer ? [graphqlTracingPlugin()] : []),
    ],
  });
  await apollo.start();

  app.use(requestContext(logger));
  app.use(healthRoutes(vouch));
  if (metrics) {
    // Prometheus scrapes this (operation names, command types and codes, lag: no personal data).
    app.get('/metrics', (_req, res, next) => {
      metrics
        .scrape()
        .then(({ contentType, body }) => res.type(contentType).set('cache-control', 'no-store').send(body))
        .catch(next);
    });
  }
  // Browsers on the listed origins may call the API (preflight answered with Access-Control-*);
  // every other origin gets no CORS headers, so its browser keeps the response from it.
  const corsOrigins = options.corsOrigins ?? [];
  if (corsOrigins.length > 0) {
    app.use(
      GRAPHQL_PATH,
      cors({
        origin: [...corsOrigins],
        methods: ['GET', 'POST'],
        allowedHeaders: ['authorization', 'content-type', 'apollo-require-preflight', 'x-request-id'],
        exposedHeaders: ['x-request-id', 'retry-after'],
        maxAge: 600,
      }),
    );
  }
  const inbound = options.inbound
    ? inboundIntegrations({
        vouch,
        inbound: options.inbound,
        verify,
        maxBodyBytes: limits.maxBodyBytes,
        logger,
      })
    : undefined;
  if (inbound) app.use(inbound.router);
  app.use(GRAPHQL_PATH, methodNotAllowed());
  if (options.graphiql ?? development) app.use(GRAPHQL_PATH, graphiqlRoute(GRAPHQL_PATH));
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: limits.maxBodyBytes }),
    ...(tracer ? [graphqlTracingMiddleware(tracer, GRAPHQL_PATH)] : []),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<ApiContext> => {
        const principal = await rateLimits
          .authenticate(
            req.ip ?? 'unknown',
            async () => (await verify(bearerToken(req.get('authorization')))).principal,
          )
          .catch((error: unknown) => {
            // In development the schema is public: GraphiQL's docs panel and codegen read it
            // before a valid token is set (GraphiQL sends its `Bearer <token>` placeholder).
            // Only for introspection, never past a rate limit.
            const schemaOnly =
              introspection &&
              development &&
              !(error instanceof RateLimitError) &&
              isIntrospectionOnly(req.method === 'GET' ? req.query : req.body, limits.maxTokens);
            if (schemaOnly) return SCHEMA_READER;
            throw error;
          });
        const scope = scopeOf(req);
        return {
          principal,
          vouch,
          requestId: scope.requestId,
          logger: scope.logger.child({ tenantId: principal.tenantId, userId: principal.userId }),
        };
      },
    }),
  );
  app.use(httpErrorHandler());

  const subscriptions: SubscriptionServer | undefined =
    options.subscriptions === false
      ? undefined
      : startSubscriptionServer({
          httpServer,
          path: GRAPHQL_PATH,
          schema,
          vouch,
          verify,
          limits,
          rateLimiter: rateLimits.perUser,
          addressLimiter: rateLimits.perAddress,
          introspection,
          development,
          logger,
          formatError,
        });

  let stopped = false;
  return {
    app,
    httpServer,
    limits,
    listen: ({ port = 0, host = '127.0.0.1' } = {}) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          const address = httpServer.address() as AddressInfo;
          const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          logger.info({ port: address.port, host: address.address }, 'Vouch API listening');
          resolve({ url: `http://${shownHost}:${address.port}${GRAPHQL_PATH}`, port: address.port });
        });
      }),
    async stop() {
      if (stopped) return;
      stopped = true;
      inbound?.stop();
      // WebSocket connections are upgraded out of the HTTP server's reach: close them first.
      await subscriptions?.stop();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
