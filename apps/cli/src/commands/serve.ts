import { createVouch, type Vouch } from '@vouch/application';
import type { Role } from '@vouch/domain';
import type { CliIo } from '../cli-io';
import type { ServerConfig } from '../config/server-config';
import type { StoreConfig } from '../config/store-config';
import { exampleTabs, type TourAdvocate } from '../graphiql/example-operations';
import { GRAPHIQL_PATH, graphiqlPage } from '../graphiql/graphiql-page';
import { openStore } from '../stores/open-store';
import { WarningLog } from './warning-log';

/** A running API: its URLs, and how to stop it. */
export interface RunningServer {
  readonly graphqlUrl: string;
  readonly graphiqlUrl: string;
  readonly vouch: Vouch;
  stop(): Promise<void>;
}

export interface ServeOptions {
  readonly store: StoreConfig;
  readonly server: ServerConfig;
  readonly masterKey: Buffer;
  readonly jwtSecret: string;
  /** Called once the store accepted the master key, before anything else starts. */
  readonly onStoreOpened?: () => void;
  /** Tenants whose process managers, timers and read models start with the server. */
  readonly tenants: readonly string[];
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
  const opened = await openStore(options.store, { masterKey: options.masterKey });
  const warnings = new WarningLog(io.stderr);
  let vouch: Vouch | undefined;
  try {
    options.onStoreOpened?.();
    vouch = createVouch({
      store: opened.store,
      checkpoints: opened.checkpoints,
      readModels: opened.readModels,
      onWarning: warnings.warn,
    });
    await vouch.start(options.tenants);
    // Loaded here, not at the top: seed, token and rebuild need none of Apollo.
    const { createApiServer } = await import('@vouch/api');
    const api = await createApiServer({
      vouch,
      auth: { hs256Secret: options.jwtSecret },
      environment: options.server.environment,
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
      async stop() {
        await api.stop();
        await running.stop();
        warnings.flush();
        await opened.close();
      },
    };
  } catch (error) {
    await vouch?.stop().catch(() => undefined);
    await opened.close().catch(() => undefined);
    throw error;
  }
}
