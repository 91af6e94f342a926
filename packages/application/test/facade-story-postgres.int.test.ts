import { randomBytes } from 'node:crypto';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { startPostgresTestServer, type PostgresTestServer } from '@vouch/event-store-postgres/testing';
import { facadeStory } from './support/facade-story';

let server: PostgresTestServer;
beforeAll(async () => {
  server = await startPostgresTestServer();
}, 120_000);
afterAll(() => server?.stop());

facadeStory('the PostgreSQL store', (clock) =>
  PostgresEventStore.open({
    connectionString: server.url,
    schema: `facade_story_${process.pid}`,
    masterKey: randomBytes(32),
    clock,
  }),
);
