import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Principal, Vouch } from '@vouch/application';
import {
  getOperationAST,
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
  type GraphQLSchema,
} from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import { bearerToken } from '../auth/bearer-token';
import type { TokenVerifier } from '../auth/token-verifier';
import type { ApiContext } from '../context/api-context';
import type { LimitsOptions } from '../limits/limits-options';
import { operationCost, tooComplex } from '../limits/operation-cost';
import { validationLimits } from '../limits/validation-limits';
import { uncleanTextError } from '../validation/unclean-text';
import { TenantChangeFeed } from '../subscriptions/tenant-change-feed';
import { RateLimitError } from './rate-limit-error';
import type { RateLimit } from './rate-limiter';
import { userKey } from './request-rate-limits';

export interface SubscriptionServerOptions {
  readonly httpServer: Server;
  readonly path: string;
  readonly schema: GraphQLSchema;
  readonly vouch: Vouch;
  readonly verify: TokenVerifier;
  readonly limits: LimitsOptions;
  readonly rateLimiter: RateLimit;
  /** Charged per client address for each connection whose token does not verify. */
  readonly addressLimiter: RateLimit;
  readonly introspection: boolean;
  readonly development: boolean;
  readonly logger: Logger;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
}

/** The running WebSocket endpoint; `stop` closes every connection and the tenants' feeds. */
export interface SubscriptionServer {
  stop(): Promise<void>;
}

/** Validation errors as Apollo reports them over HTTP: limit codes kept, others GRAPHQL_VALIDATION_FAILED. */
const withCode = (error: GraphQLError, code: string): GraphQLError =>
  typeof error.extensions.code === 'string'
    ? error
    : new GraphQLError(error.message, { nodes: error.nodes ?? null, extensions: { code } });

/**
 * Ends a connection when the token that opened it expires: graphql-ws's close code for
 * Unauthorized (4401), so a client knows to come back with a fresh token. Nothing is
 * delivered on an expired token, contact details least of all.
 */
function closeAtExpiry(socket: WebSocket, expiresAt: Date, timers: Set<NodeJS.Timeout>): void {
  const timer = setTimeout(
    () => {
      timers.delete(timer);
      socket.close(CloseCode.Unauthorized, 'Unauthorized: the token has expired');
    },
    Math.max(0, expiresAt.getTime() - Date.now()),
  );
  timer.unref();
  timers.add(timer);
  socket.once('close', () => {
    clearTimeout(timer);
    timers.delete(timer);
  });
}

/**
 * GraphQL subscriptions over WebSocket (graphql-ws protocol) on the HTTP server's own port
 * and path. The same rules as over HTTP: a bearer token in the connection params'
 * `authorization` (refused: close 4403; closed with 4401 when it expires; 4429 once the
 * address has used up its limit of connections without a valid token), the per-user rate
 * limit per subscribe, the token, depth, alias, directive and cost limits (the same rules as
 * HTTP, linear in the document), introspection only when allowed, and the same error masking.
 * Only subscriptions: queries and mutations go over HTTP.
 */
export function startSubscriptionServer(options: SubscriptionServerOptions): SubscriptionServer {
  const { schema, limits, logger } = options;
  const changes = new TenantChangeFeed(options.vouch.store, logger);
  const principals = new WeakMap<WebSocket, Principal>();
  const expiries = new Set<NodeJS.Timeout>();
  const rules = [
    ...specifiedRules,
    ...validationLimits(limits, { development: options.development }),
    ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
  ];
  const format = (error: GraphQLError) => options.formatError(error.toJSON(), error);
  const wsServer = new WebSocketServer({
    server: options.httpServer,
    path: options.path,
    maxPayload: limits.maxBodyBytes,
  });

  const serverCleanup = useServer(
    {
      schema,
      onConnect: async ({ connectionParams, extra }) => {
        const header = connectionParams?.authorization;
        try {
          const session = await options.verify(bearerToken(typeof header === 'string' ? header : undefined));
          principals.set(extra.socket, session.principal);
          if (session.expiresAt) closeAtExpiry(extra.socket, session.expiresAt, expiries);
          return true;
        } catch {
          // Connections without a valid token count against their address, as over HTTP;
          // past the limit the close says so (4429) instead of 4403.
          const address = extra.request.socket.remoteAddress ?? 'unknown';
          if (!(await options.addressLimiter.take(address)).allowed)
            extra.socket.close(4429, 'Too many requests');
          return false;
        }
      },
      onSubscribe: async ({ extra }, _id, payload) => {
        const principal = principals.get(extra.socket);
        if (!principal)
          return [
            new GraphQLError('A valid bearer token is required.', {
              extensions: { code: 'UNAUTHENTICATED' },
            }),
          ];
        const decision = await options.rateLimiter.take(userKey(principal));
        if (!decision.allowed) return [new RateLimitError(decision.retryAfterSeconds)];
        let document: DocumentNode;
        try {
          document = parse(payload.query, { maxTokens: limits.maxTokens });
        } catch (error) {
          return [withCode(error as GraphQLError, 'GRAPHQL_PARSE_FAILED')];
        }
        const invalid = validate(schema, document, rules);
        if (invalid.length > 0) return invalid.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const operation = getOperationAST(document, payload.operationName);
        if (operation?.operation !== 'subscription') {
          return [
            new GraphQLError(
              'Only subscriptions are served over WebSocket; send queries and mutations over HTTP.',
              {
                extensions: { code: 'BAD_REQUEST' },
              },
            ),
          ];
        }
        const cost = operationCost(schema, document, payload.variables ?? undefined, payload.operationName);
        if (cost !== undefined && cost > limits.maxCost) return [tooComplex(cost, limits.maxCost)];
        const unclean = uncleanTextError(document, payload.variables);
        if (unclean) return [unclean];
        const requestId = randomUUID();
        const contextValue: ApiContext = {
          principal,
          vouch: options.vouch,
          requestId,
          logger: logger.child({ requestId, tenantId: principal.tenantId, userId: principal.userId }),
          changes,
        };
        return {
          schema,
          document,
          variableValues: payload.variables ?? {},
          operationName: payload.operationName ?? null,
          contextValue,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map(format) } : undefined,
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
    },
    wsServer,
  );

  return {
    async stop() {
      for (const timer of expiries) clearTimeout(timer);
      expiries.clear();
      await serverCleanup.dispose();
      await new Promise<void>((resolve) => wsServer.close(() => resolve()));
      await changes.stop();
    },
  };
}
