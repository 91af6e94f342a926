import type { KeyObject } from 'node:crypto';
import type { AuthOptions, DbSystem, InboundOptions, LimitsOptions, VouchTracing } from '@vouch/api';
import { createVouch, type Vouch, type WebhookOptions } from '@vouch/application';
import { RestoreFailureError } from '@vouch/projections';
import type { Role } from '@vouch/domain';
import type { Logger } from 'pino';
import type { CliIo } from '../cli-io';
import type { ServerConfig } from '../config/server-config';
import type { StoreConfig } from '../config/store-config';
import type { TracingConfig } from '../config/tracing-config';
import { exampleTabs, type TourAdvocate } from '../graphiql/example-operations';
import { GRAPHIQL_PATH, graphiqlPage } from '../graphiql/graphiql-page';
import { LeaseGatedReadModelStore } from '../leases/lease-gated-read-models';
import { startLeasedBackground, type LeasedBackground } from '../leases/leased-background';
import { rateLimitDigest } from '../leases/rate-limit-digest';
import { openStore } from '../stores/open-store';
import { WarningLog } from './warning-log';

/** What `db.system` the store spans carry, by the configured store. */
const DB_SYSTEM: Record<StoreConfig['kind'], DbSystem> = {
  sqlite: 'sqlite',
  postgres: 'postgresql',
  eventstoredb: 'eventstoredb',
};

/** A running API: its URLs, and how to stop it. */
export interface RunningServer {
  readonly graphqlUrl: string;
  readonly graphiqlUrl: string;
  readonly vouch: Vouch;
  /** The server's structured log (JSON lines on stdout). */
  readonly logger: Logger;
  /**
   * Settles with the error when the background work started under a lease failed in a way no
   * retry mends (a saved state that fails to restore through a fault of the code): the server
   * must stop, as a start without a lease does, rather than answer from read models that
   * will never be current. Never settles otherwise.
   */
  readonly failed: Promise<Error>;
  stop(): Promise<void>;
}

export interface ServeOptions {
  readonly store: StoreConfig;
  readonly server: ServerConfig;
  readonly masterKey: Buffer;
  /** How bearer tokens are verified (HS256 secret, public keys, issuer, audience). */
  readonly auth: AuthOptions;
  /** Overrides of the API's limits. */
  readonly limits?: Partial<LimitsOptions>;
  /** Called once the store accepted the master key, before anything else starts. */
  readonly onStoreOpened?: () => void;
  /** Signs the tenants' digests (invariant 12); never stored with the events. */
  readonly signingKey: KeyObject;
  /** How often started tenants are signed; default one hour, 0 = only after erasures and on demand. */
  readonly digestIntervalMs?: number;
  /** Tenants whose process managers, timers and read models start with the server. */
  readonly tenants: readonly string[];
  /** The inbound CRM endpoint and chat intake; default off. */
  readonly inbound?: InboundOptions;
  /** Serve Prometheus metrics on GET /metrics; default true. */
  readonly metrics?: boolean;
  /** Webhooks (VOUCH_WEBHOOK_KEY …); none when undefined. */
  readonly webhooks?: WebhookOptions;
  /** Export OpenTelemetry traces over OTLP/HTTP; default none (tracing off, no spans). */
  readonly tracing?: TracingConfig;
  /** On a store several instances share: how long a background lease outlives its holder; default 10 s. */
  readonly leaseTtlMs?: number;
  /** For the tour's GraphiQL: the tokens each tab sends, and the advocate its flows use. */
  readonly tour?: {
    readonly tokens?: Partial<Record<Role, string>>;
    readonly advocate?: (vouch: Vouch) => Promise<TourAdvocate | undefined>;
  };
}

/**
 * Opens the store, starts the facade (process managers, due work, durable read models)
 * and the GraphQL API over it, and serves the tour's GraphiQL beside the endpoint.
 */
export async function startServer(options: ServeOptions, io: CliIo): Promise<RunningServer> {
  // Loaded here, not at the top: seed, token and rebuild need none of Apollo.
  const {
    backgroundStepSpans,
    createApiServer,
    createLogger,
    postgresRateLimits,
    startTracing,
    timingAppends,
    tracingStore,
    VouchMetrics,
  } = await import('@vouch/api');
  // Every event of the server, the facade's warnings included, is one JSON line on stdout.
  const logger = createLogger({}, { write: (line: string) => io.stdout(line) });
  const opened = await openStore(options.store, { masterKey: options.masterKey });
  const line = (text: string) => text.replace(/^vouch: /, '').trimEnd();
  const warnings = new WarningLog({
    warn: (text) => logger.warn(line(text)),
    debug: (text) => logger.debug(line(text)),
  });
  let vouch: Vouch | undefined;
  let background: LeasedBackground | undefined;
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<Error>((resolve) => (fail = resolve));
  let tracing: VouchTracing | undefined;
  const acquireLease = opened.acquireLease;
  try {
    options.onStoreOpened?.();
    const metrics = options.metrics === false ? undefined : new VouchMetrics();
    const timed = metrics ? timingAppends(opened.store, metrics) : opened.store;
    tracing = options.tracing
      ? await startTracing({
          otlp: { url: options.tracing.url, headers: options.tracing.headers },
          serviceName: options.tracing.serviceName,
          onProblem: (message) => logger.warn({ tracing: 'otlp' }, `tracing: ${message}`),
        })
      : undefined;
    const tracer = tracing?.tracer;
    const store = tracer ? tracingStore(timed, tracer, DB_SYSTEM[options.store.kind]) : timed;
    vouch = createVouch({
      store,
      ...(tracer ? { observeStep: backgroundStepSpans(tracer) } : {}),
      checkpoints: opened.checkpoints,
      // On a shared store every instance keeps read models for its queries; only the holder
      // of the tenant's lease writes their snapshots.
      readModels: acquireLease
        ? new LeaseGatedReadModelStore(opened.readModels, (tenantId) => background?.holds(tenantId) ?? false)
        : opened.readModels,
      digests: {
        privateKey: options.signingKey,
        log: opened.signedDigests,
        ...(options.digestIntervalMs !== undefined ? { intervalMs: options.digestIntervalMs } : {}),
      },
      onWarning: warnings.warn,
      ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    });
    if (acquireLease) {
      // Several instances may share this store: each tenant's process managers, due work,
      // read-model writes and digests run in the one instance holding its lease.
      const ttlMs = options.leaseTtlMs ?? 10_000;
      background = startLeasedBackground(
        vouch,
        options.tenants,
        (name, signal) => acquireLease(name, { ttlMs, signal }),
        (event) => {
          const fields = { tenantId: event.tenantId, lease: event.name };
          if (event.kind === 'acquired')
            logger.info(fields, 'this instance holds the lease: background work started');
          else if (event.kind === 'lost')
            logger.warn(
              { ...fields, reason: String(event.reason) },
              'background lease lost: background work stopped',
            );
          else if (event.error instanceof RestoreFailureError) {
            logger.error(
              { ...fields, error: String(event.error) },
              'background work under lease cannot start',
            );
            fail(event.error);
          } else logger.warn({ ...fields, error: String(event.error) }, 'background work under lease failed');
        },
      );
    } else {
      await vouch.start(options.tenants);
    }
    metrics?.watchLag({ store, vouch, checkpoints: opened.checkpoints, tenants: options.tenants });
    const api = await createApiServer({
      vouch,
      ...(metrics ? { metrics } : {}),
      ...(tracer ? { tracer } : {}),
      auth: options.auth,
      environment: options.server.environment,
      logger,
      corsOrigins: options.server.corsOrigins,
      trustProxy: options.server.trustProxy,
      ...(options.inbound ? { inbound: options.inbound } : {}),
      // Instances sharing a store share their rate limits: the limit does not grow with them.
      ...(opened.sharedDatabase
        ? {
            rateLimitStore: postgresRateLimits({
              ...opened.sharedDatabase,
              digest: rateLimitDigest(options.masterKey),
            }),
          }
        : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
    if (options.server.environment === 'development') {
      const advocate = await options.tour?.advocate?.(vouch);
      const page = graphiqlPage({
        endpoint: '/graphql',
        tabs: exampleTabs(advocate, new Date()),
        ...(options.tour?.tokens ? { tokens: options.tour.tokens } : {}),
      });
      api.app.get(GRAPHIQL_PATH, (_req, res) => {
        res.type('html').set('cache-control', 'no-store').send(page);
      });
      api.app.get('/', (_req, res) => res.redirect(GRAPHIQL_PATH));
    }
    const { url } = await api.listen({ port: options.server.port, host: options.server.host });
    const origin = url.replace(/\/graphql$/, '');
    const running = vouch;
    return {
      graphqlUrl: url,
      graphiqlUrl: `${origin}${GRAPHIQL_PATH}`,
      vouch: running,
      logger,
      failed,
      async stop() {
        await api.stop();
        await background?.stop();
        await running.stop();
        warnings.flush();
        await opened.close();
        // Last: the spans of the shutdown itself are exported too.
        await tracing?.shutdown();
      },
    };
  } catch (error) {
    await background?.stop().catch(() => undefined);
    await vouch?.stop().catch(() => undefined);
    await opened.close().catch(() => undefined);
    await tracing?.shutdown().catch(() => undefined);
    throw error;
  }
}

/**
 * Waits for a stop signal (answered), or for the background work to fail in a way no retry
 * mends: the server is then stopped and the failure thrown, so the command exits 1 with the
 * reason once on stderr, as a start without a lease does.
 */
export async function untilStopped(running: RunningServer, stopSignal: Promise<string>): Promise<string> {
  const ended = await Promise.race([
    stopSignal.then((signal) => ({ signal })),
    running.failed.then((error) => ({ error })),
  ]);
  if ('signal' in ended) return ended.signal;
  await running.stop();
  throw ended.error;
}
