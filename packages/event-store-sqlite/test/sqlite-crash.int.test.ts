import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { contractPersonalData, StepBudget } from '@vouch/event-store/testing';
import { SqliteEventStore } from '@vouch/event-store-sqlite';
import { useTempDirectory } from './support/temp-files';

const nextFile = useTempDirectory();
const repositoryRoot = resolve(__dirname, '../../..');
const writerScript = join(__dirname, 'support/crash-writer.ts');
const KILLS = 22;
// Each kill starts a node process (swc register included) whose start alone takes seconds on a
// loaded machine. So the wait for a writer is a multiple of the slowest start-up measured in
// this run (the first gets a generous fixed one): a loaded machine raises it with the work, a
// hung writer still fails on its own watchdog, naming the run, after a bounded wait.
const startUps = new StepBudget({ firstMs: 120_000, multiple: 6, floorMs: 15_000, capMs: 300_000 });
const CHECKS_MS = 60_000;

interface Ack {
  readonly batchId: string;
  readonly streamId: string;
  readonly size: number;
}

/** Starts the writer, lets it append for a random while, kills it with SIGKILL; returns its acks. */
function runAndKill(filename: string, masterKey: Buffer, runId: string): Promise<Ack[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      ['-r', '@swc-node/register', writerScript, filename, masterKey.toString('hex'), runId],
      {
        cwd: repositoryRoot,
        // The writer imports @vouch/* from source, as jest does.
        env: { ...process.env, SWC_NODE_PROJECT: join(repositoryRoot, 'tsconfig.typecheck.json') },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    let errors = '';
    let killTimer: NodeJS.Timeout | undefined;
    const spawned = performance.now();
    const limitMs = startUps.limitMs;
    const watchdog = setTimeout(() => {
      reject(new Error(`run ${runId}: the writer was not killed within ${limitMs} ms: ${errors}`));
      child.kill('SIGKILL');
    }, limitMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (killTimer === undefined && output.includes('ready\n')) {
        startUps.record(performance.now() - spawned);
        killTimer = setTimeout(() => child.kill('SIGKILL'), 30 + Math.floor(Math.random() * 250));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(watchdog);
      if (signal !== 'SIGKILL') {
        reject(new Error(`the writer ended by itself (${signal ?? _code}): ${errors}`));
        return;
      }
      // Only complete lines were acknowledged; a line cut by the kill was not.
      const acks = output
        .split('\n')
        .slice(0, -1)
        .filter((line) => line.startsWith('ack '))
        .map((line) => {
          const [, batchId, streamId, size] = line.split(' ');
          return { batchId: batchId!, streamId: streamId!, size: Number(size) };
        });
      resolvePromise(acks);
    });
  });
}

describe('SQLite store under SIGKILL', () => {
  jest.setTimeout(startUps.totalMs(KILLS, CHECKS_MS));

  it(`loses no acknowledged append, stores no partial batch, and still verifies after ${KILLS} kills`, async () => {
    const filename = nextFile();
    const masterKey = randomBytes(32);
    const acknowledged: Ack[] = [];

    for (let run = 0; run < KILLS; run++) {
      acknowledged.push(...(await runAndKill(filename, masterKey, `r${run}`)));

      const store = SqliteEventStore.open({ filename, masterKey, personalData: contractPersonalData });
      try {
        const batches = new Map<
          string,
          { streamId: string; versions: number[]; size: number; indexes: number[] }
        >();
        let after;
        for (;;) {
          const page = await store.readAll('tenant-crash', { limit: 5000, ...(after ? { after } : {}) });
          if (page.length === 0) break;
          for (const event of page) {
            const { batchId, size, index } = event.data as { batchId: string; size: number; index: number };
            const entry = batches.get(batchId) ?? {
              streamId: event.streamId,
              versions: [],
              size,
              indexes: [],
            };
            entry.versions.push(event.version);
            entry.indexes.push(index);
            batches.set(batchId, entry);
          }
          after = page[page.length - 1]!.checkpoint;
        }
        for (const ack of acknowledged) {
          const stored = batches.get(ack.batchId);
          expect({ batchId: ack.batchId, stored: stored?.versions.length }).toEqual({
            batchId: ack.batchId,
            stored: ack.size,
          });
          expect(stored!.streamId).toBe(ack.streamId);
        }
        for (const [batchId, stored] of batches) {
          // Every batch in the file is whole and contiguous, acknowledged or not.
          expect({ batchId, indexes: stored.indexes }).toEqual({
            batchId,
            indexes: Array.from({ length: stored.size }, (_, i) => i),
          });
          expect(stored.versions).toEqual(stored.versions.map((_, i) => stored.versions[0]! + i));
        }
        expect(await store.verifyTenant('tenant-crash')).toMatchObject({ ok: true });
      } finally {
        await store.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThan(KILLS);
  });
});
