import { randomBytes } from 'node:crypto';
import { PostgresEventStore } from '@vouch/event-store-postgres';
import { usePostgresTestServer } from '@vouch/event-store-postgres/testing';
import { webhookDeliveryStory } from './webhook-delivery-story';

const server = usePostgresTestServer();
const masterKey = randomBytes(32);

webhookDeliveryStory('PostgreSQL', async (clock) => {
  const store = await PostgresEventStore.open({
    connectionString: server.url,
    schema: `webhook_delivery_${process.pid}`,
    masterKey,
    clock,
  });
  return { store, checkpoints: store.checkpoints };
});
