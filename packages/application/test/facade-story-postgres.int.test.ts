import { randomBytes } from 'node:crypto';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { facadeStory } from './support/facade-story';

const server = usePostgresTestServer();

facadeStory('the PostgreSQL store', (clock) =>
  PostgresEventStore.open({
    connectionString: server.url,
    schema: `facade_story_${process.pid}`,
    masterKey: randomBytes(32),
    clock,
  }),
);
