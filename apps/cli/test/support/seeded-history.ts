import { createHash } from 'node:crypto';
import type { Checkpoint, EventStore, RecordedEvent } from '@vouch/event-store';

/** A tenant's history as a reader sees it, and its digests. */
export interface SeededHistory {
  /** Every event in log order. */
  readonly events: readonly RecordedEvent[];
  /** One line per event in log order: its stream, version, type and data (personal data as read). */
  readonly lines: readonly string[];
  /** SHA-256 of the lines in log order. */
  readonly logOrder: string;
  /** SHA-256 of the lines stream by stream (streams by id, each in version order): the program, whatever the interleaving. */
  readonly perStream: string;
}

/** Reads a tenant's whole history and digests it, to compare two seeds of one program. */
export async function seededHistory(store: EventStore, tenantId: string): Promise<SeededHistory> {
  const events: RecordedEvent[] = [];
  const lines: string[] = [];
  const streams = new Map<string, string[]>();
  let after: Checkpoint | undefined;
  for (;;) {
    const page = await store.readAll(tenantId, { limit: 5000, ...(after ? { after } : {}) });
    for (const e of page) {
      const line = JSON.stringify([e.streamId, e.version, e.type, e.data]);
      events.push(e);
      lines.push(line);
      const ofStream = streams.get(e.streamId) ?? [];
      ofStream.push(line);
      streams.set(e.streamId, ofStream);
    }
    if (page.length < 5000) break;
    after = page[page.length - 1]!.checkpoint;
  }
  const log = createHash('sha256');
  for (const line of lines) log.update(`${line}\n`);
  const perStream = createHash('sha256');
  for (const id of [...streams.keys()].sort())
    for (const line of streams.get(id)!) perStream.update(`${line}\n`);
  return { events, lines, logOrder: log.digest('hex'), perStream: perStream.digest('hex') };
}
