import { randomBytes } from 'node:crypto';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { programStory } from './support/program-story';

// A real PostgreSQL server: DATABASE_URL when set, else a throwaway embedded one.
const server = usePostgresTestServer();

programStory('the PostgreSQL store', (clock) =>
  PostgresEventStore.open({
    connectionString: server.url,
    schema: `api_story_${process.pid}`,
    masterKey: randomBytes(32),
    clock,
  }),
);
