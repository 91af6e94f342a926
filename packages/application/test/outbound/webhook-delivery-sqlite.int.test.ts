import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { webhookDeliveryStory } from './webhook-delivery-story';

const dir = mkdtempSync(join(tmpdir(), 'vouch-webhooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const masterKey = randomBytes(32);

webhookDeliveryStory('SQLite', async (clock) => {
  const store = SqliteEventStore.open({ filename: join(dir, 'vouch.db'), masterKey, clock });
  return { store, checkpoints: store.checkpoints };
});
