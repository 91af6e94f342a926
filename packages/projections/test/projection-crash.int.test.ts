import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { EventStore } from '@vouch/event-store';
import { StepBudget } from '@vouch/event-store/testing';
import { SqliteEventStore, SqliteReadModelStore } from '@vouch/event-store-sqlite';
import { ProjectionRunner, TenantReadModels, snapshotKeysOf } from '../src';
import { appendHistory, programHistory } from './support/program-history';
import { savedTextOf } from './support/saved-models';
import { TENANT, type StoryWorld } from './support/story-world';

const KILLS = 10;
// Each kill starts a node process (swc register included) that opens the file and, for a
// rebuild, catches up first — seconds each on a quiet machine, tens of seconds at load 18 on two
// cores. So the wait for a process is a multiple of the slowest start-up measured in this run
// (the first gets a generous fixed one): a loaded machine raises it with the work, a hung
// process still fails on its own watchdog, naming the kill, after a bounded wait.
const startUps = new StepBudget({ firstMs: 180_000, multiple: 6, floorMs: 30_000, capMs: 600_000 });
const SETUP_MS = 120_000;
const root = resolve(__dirname, '../../..');
const script = join(__dirname, 'support/projecting-process.ts');
const dir = mkdtempSync(join(tmpdir(), 'vouch-projection-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const masterKey = randomBytes(32);
// ~23k events: 2,500 advocates enrolled and consented, 600 requests run to an outcome.
const world = programHistory({ advocates: 2500, requests: 600 });

/** Runs the projecting process and kills it with SIGKILL a random while after it opened the file. */
function runAndKill(filename: string, mode: 'catch-up' | 'rebuild', maxDelayMs: number): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', script, filename, masterKey.toString('hex'), mode],
      {
        cwd: root,
        env: { ...process.env, SWC_NODE_PROJECT: join(root, 'tsconfig.typecheck.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let errors = '';
    let armed = false;
    const spawned = performance.now();
    const limitMs = startUps.limitMs;
    const watchdog = setTimeout(() => {
      fail(new Error(`${mode}: the projecting process was not killed within ${limitMs} ms: ${errors}`));
      child.kill('SIGKILL');
    }, limitMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // A rebuild is killed only once the runner is live, so the kill lands in a rebuild.
      const trigger = mode === 'rebuild' ? 'live ' : 'ready\n';
      if (!armed && output.includes(trigger)) {
        armed = true;
        startUps.record(performance.now() - spawned);
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * maxDelayMs));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      if (signal === 'SIGKILL') done();
      else fail(new Error(`the projecting process ended by itself (${code}): ${errors}`));
    });
  });
}

function open(filename: string) {
  const store = SqliteEventStore.open({ filename, masterKey, durability: 'NORMAL' });
  return { store, readModels: new SqliteReadModelStore(store.database) };
}

async function fromScratch(store: EventStore): Promise<string> {
  const models = new TenantReadModels();
  for (const event of await store.readAll(TENANT, { limit: 1_000_000 })) models.apply(event);
  return savedTextOf(models);
}

/** The active saved read model, as the next start would restore it. */
async function saved(filename: string): Promise<{ checkpoint: string; text: string }> {
  const { store, readModels } = open(filename);
  try {
    const version = await readModels.activeVersion(TENANT, TenantReadModels.NAME);
    const model = await readModels.load(TENANT, TenantReadModels.NAME, version!);
    const restored = new TenantReadModels();
    restored.restore(
      await restored.openSnapshot(model!.snapshot, snapshotKeysOf(store, TENANT, TenantReadModels.NAME)),
    );
    restored.restoreEntries(await readModels.loadEntries(TENANT, TenantReadModels.NAME, version!));
    return { checkpoint: model!.checkpoint, text: savedTextOf(restored) };
  } finally {
    await store.close();
  }
}

async function appendSome(filename: string, part: StoryWorld): Promise<void> {
  const { store } = open(filename);
  try {
    await appendHistory(store, part);
  } finally {
    await store.close();
  }
}

describe('the projection runner on SQLite under SIGKILL', () => {
  jest.setTimeout(startUps.totalMs(KILLS, SETUP_MS));

  it(`resumes a catch-up that was killed ${KILLS} times and reflects every event exactly once`, async () => {
    const filename = join(dir, 'catch-up.db');
    const split = 16_000;
    await appendSome(filename, { envelopes: world.envelopes.slice(0, split) } as StoryWorld);
    // The rest arrives while the runner is killed again and again: it is live when some kills land.
    const perKill = Math.ceil((world.envelopes.length - split) / KILLS);
    let last = '';
    for (let kill = 0; kill < KILLS; kill++) {
      const from = split + kill * perKill;
      const appending = appendSome(filename, {
        envelopes: world.envelopes.slice(from, from + perKill),
      } as StoryWorld);
      await runAndKill(filename, 'catch-up', 1000);
      await appending;
      const now = (await saved(filename).catch(() => undefined))?.checkpoint ?? '';
      expect(now >= last).toBe(true);
      last = now;
    }
    // A last start resumes from the saved snapshot and catches up with what is left.
    const { store } = open(filename);
    try {
      const reference = await fromScratch(store);
      const runner = new ProjectionRunner({
        store,
        readModels: new SqliteReadModelStore(store.database),
        tenantId: TENANT,
        create: () => new TenantReadModels(),
      });
      await runner.start();
      expect(savedTextOf(runner.projection)).toBe(reference);
      await runner.stop();
    } finally {
      await store.close();
    }
  });

  it(`keeps serving the live version when a rebuild is killed, ${KILLS} times, and the next rebuild starts over`, async () => {
    const filename = join(dir, 'rebuild.db');
    await appendSome(filename, world);
    const { store } = open(filename);
    const reference = await fromScratch(store);
    await store.close();
    for (let kill = 0; kill < KILLS; kill++) {
      await runAndKill(filename, 'rebuild', 1200);
      // Whatever the kill interrupted, the active version is whole and equals a build from scratch.
      expect((await saved(filename)).text).toBe(reference);
    }
  });
});
