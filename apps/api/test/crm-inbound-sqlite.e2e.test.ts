import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { crmInboundStory } from './support/crm-inbound-story';

const dir = mkdtempSync(join(tmpdir(), 'vouch-api-crm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

crmInboundStory('the SQLite store', (clock) =>
  SqliteEventStore.open({ filename: join(dir, 'vouch.db'), masterKey: randomBytes(32), clock }),
);
