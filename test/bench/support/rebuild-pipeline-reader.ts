/**
 * The reading stage of `rebuild-pipeline.bench.ts`, run in a worker thread: reads the file's
 * events through this checkout's SQLite store in pages (decrypted, upcast) and posts each page
 * to the main thread — as the objects themselves (structured clone) or as one JSON text.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { START } from '@vouch/event-store';
import { SqliteEventStore } from '@vouch/event-store-sqlite';

interface ReaderData {
  readonly file: string;
  readonly masterKey: Uint8Array;
  readonly tenant: string;
  readonly page: number;
  readonly as: 'clone' | 'json';
}

async function read(): Promise<void> {
  const { file, masterKey, tenant, page, as } = workerData as ReaderData;
  const store = SqliteEventStore.open({
    filename: file,
    masterKey: Buffer.from(masterKey),
    durability: 'NORMAL',
  });
  // Loaded and open: say so, and start reading at the go (the timed part).
  await new Promise<void>((resolve) => {
    parentPort!.once('message', () => resolve());
    parentPort!.postMessage('ready');
  });
  const started = process.cpuUsage();
  for (let after = START; ;) {
    const events = await store.readAll(tenant, { after, limit: page });
    parentPort!.postMessage(as === 'json' ? JSON.stringify(events) : events);
    if (events.length < page) break;
    after = events[events.length - 1]!.checkpoint;
  }
  await store.close();
  // The worker's own CPU (process.cpuUsage in a worker is the whole process's: told apart by thread below).
  parentPort!.postMessage({ done: true, cpu: process.cpuUsage(started) });
}

void read();
