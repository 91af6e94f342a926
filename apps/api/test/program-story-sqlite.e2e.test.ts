import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { programStory } from './support/program-story';

const dir = mkdtempSync(join(tmpdir(), 'vouch-api-story-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

programStory('the SQLite store', (clock) =>
  SqliteEventStore.open({ filename: join(dir, 'vouch.db'), masterKey: randomBytes(32), clock }),
);
