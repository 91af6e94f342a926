import type { Checkpoint, EventStore } from '@vouch/event-store';
import { START } from '@vouch/event-store';
import { auditRecordOf } from './audit-record';
import type { AuditWriter, ExportHeader } from './audit-writers';

/** Which part of the trail to export. */
export interface TrailSelection {
  /** Recorded at or after (ISO-8601). */
  readonly from?: string;
  /** Recorded before (ISO-8601). */
  readonly to?: string;
  /** Only events concerning this subject, `kind:id` (e.g. `advocate:ines`). */
  readonly subject?: string;
}

/** Where the text goes; resolves when it may take more (back-pressure). */
export type TextSink = (text: string) => Promise<void> | void;

const BATCH = 1000;

/**
 * Streams the tenant's trail in log order, a batch of events at a time: memory stays
 * flat however long the log (a 1M-event export is a benchmark). Returns how many events
 * were written and how many were read.
 */
export async function exportAuditTrail(
  store: EventStore,
  header: ExportHeader,
  selection: TrailSelection,
  writer: AuditWriter,
  sink: TextSink,
  /** Told the log position reached after each batch. */
  onProgress: (position: number) => void = () => undefined,
): Promise<{ written: number; read: number }> {
  await sink(writer.header(header));
  let after: Checkpoint = START;
  let written = 0;
  let read = 0;
  const erased = new Set<string>();
  for (;;) {
    const batch = await store.readAll(header.tenantId, { after, limit: BATCH });
    let text = '';
    for (const event of batch) {
      // Every event is looked at for erasures, so a selection still marks erased subjects.
      const record = auditRecordOf(event, erased);
      if (selection.from !== undefined && event.recordedAt < selection.from) continue;
      if (selection.to !== undefined && event.recordedAt >= selection.to) continue;
      if (selection.subject !== undefined && !record.subjects.split(' ').includes(selection.subject))
        continue;
      text += writer.record(record);
      written += 1;
    }
    read += batch.length;
    if (text) await sink(text);
    if (batch.length > 0) onProgress(Number(batch[batch.length - 1]!.checkpoint));
    if (batch.length < BATCH) break;
    after = batch[batch.length - 1]!.checkpoint;
  }
  await sink(writer.footer(written));
  return { written, read };
}
