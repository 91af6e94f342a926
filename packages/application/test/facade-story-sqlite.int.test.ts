import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { facadeStory } from './support/facade-story';

const dir = mkdtempSync(join(tmpdir(), 'vouch-facade-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

facadeStory('the SQLite store', (clock) =>
  SqliteEventStore.open({ filename: join(dir, 'vouch.db'), masterKey: randomBytes(32), clock }),
);
