import {
  startPostgresTestServer,
  type PostgresTestServer,
  type PostgresTestServerOptions,
} from './postgres-test-server';

/**
 * The PostgreSQL server of a test file: started before its first test, stopped after its last
 * (jest's `beforeAll` and `afterAll`, registered where this is called). The answer stands for
 * the started server; using it before then throws.
 */
export function usePostgresTestServer(
  options: PostgresTestServerOptions = {},
  startTimeoutMs = 120_000,
): PostgresTestServer {
  let server: PostgresTestServer | undefined;
  beforeAll(async () => {
    server = await startPostgresTestServer(options);
  }, startTimeoutMs);
  afterAll(async () => {
    await server?.stop();
  });
  const started = (): PostgresTestServer => {
    if (!server) throw new Error('The PostgreSQL test server is used before its beforeAll started it.');
    return server;
  };
  return {
    get url() {
      return started().url;
    },
    get managed() {
      return started().managed;
    },
    restart: (restartOptions) => started().restart(restartOptions),
    stop: () => started().stop(),
  };
}
