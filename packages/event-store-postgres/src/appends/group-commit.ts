import { StoreUnavailableError, appendResultOf } from '@vouch/event-store';
import type { PostgresDatabase } from '../database/postgres-database';
import type { CachedHead, StreamHeadCache } from '../events/stream-head-cache';
import type { EventNotifier } from '../notifications/event-notifier';
import { eventColumns } from './event-columns';
import { planGroup } from './plan-group';
import type { PlannedWrite, QueuedAppend } from './queued-append';
import { isRetryable } from './retryable';
import { readSnapshots, type StreamSnapshotRow } from './stream-snapshots';

/** Optimistic tries of an append before it plans under the stream's lock instead. */
const OPTIMISTIC_ATTEMPTS = 3;

/** One row of `append_group`'s answer, per write in group order. */
interface GroupOutcomeRow {
  outcome: 'written' | 'moved' | 'exists';
  first_position: string | null;
}

/**
 * Writes one group of appends in one transaction: plans each (`planGroup`), then
 * `append_group` locks the group's streams and, per append in group order, checks that
 * the head is the planned one and that no event id is stored yet before writing it, so a
 * plan is only written against the state it was made from. An append whose head moved
 * writes nothing and is handed back to be replanned from a fresh read, while the others
 * of its group are written. A group of one (every append of a single writer) goes to
 * `append_one`, the same checks without the group's bookkeeping. After
 * OPTIMISTIC_ATTEMPTS tries an append goes `alone`.
 */
export class GroupCommit {
  private groups = 0;
  private grouped = 0;
  private single = 0;

  constructor(
    private readonly database: PostgresDatabase,
    private readonly heads: StreamHeadCache,
    private readonly notifier: EventNotifier,
    /** Plans an append under its stream's lock in a transaction of its own. */
    private readonly alone: (item: QueuedAppend) => Promise<void>,
  ) {}

  /** How many group transactions ran, how many appends they carried, and how many were groups of one. */
  stats(): { groups: number; appends: number; single: number } {
    return { groups: this.groups, appends: this.grouped, single: this.single };
  }

  /**
   * Plans and writes one group; settles every append of it or returns it to be tried
   * again (nothing of it written). Never throws.
   */
  async commit(group: readonly QueuedAppend[]): Promise<QueuedAppend[]> {
    const optimistic: QueuedAppend[] = [];
    for (const item of group) {
      if (item.attempts >= OPTIMISTIC_ATTEMPTS) void this.alone(item);
      else optimistic.push(item);
    }
    if (optimistic.length === 0) return [];

    // The heads and stored ids of the appends that cannot trust a cached head, in one read.
    const cachedHeads = new Map<QueuedAppend, CachedHead>();
    const unread: QueuedAppend[] = [];
    for (const item of optimistic) {
      const cached = item.attempts === 0 ? this.heads.get(item.key) : undefined;
      if (cached) cachedHeads.set(item, cached);
      else unread.push(item);
    }
    let snapshots: Map<QueuedAppend, StreamSnapshotRow>;
    try {
      snapshots = await readSnapshots(this.database, unread);
    } catch (error) {
      return failed(optimistic, error);
    }

    const { writes, retry } = planGroup(optimistic, cachedHeads, snapshots, this.heads);
    if (writes.length === 0) return retry;
    return [...retry, ...(await this.write(writes))];
  }

  private async write(writes: readonly PlannedWrite[]): Promise<QueuedAppend[]> {
    let rows: GroupOutcomeRow[];
    try {
      rows = writes.length === 1 ? await this.writeOne(writes[0]!) : await this.writeGroup(writes);
    } catch (error) {
      if (writes.length > 1 && !(error instanceof StoreUnavailableError) && !isRetryable(error)) {
        // Refused for what one append carries, perhaps: each alone, so only that one fails.
        const retry: QueuedAppend[] = [];
        for (const write of writes) retry.push(...(await this.commit([write.item])));
        return retry;
      }
      return failed(
        writes.map((w) => w.item),
        error,
      );
    }
    this.groups += 1;
    this.grouped += writes.length;
    if (writes.length === 1) this.single += 1;
    return this.settle(writes, rows);
  }

  // A group of many: one call of append_group, which checks and writes them in order.
  private writeGroup(writes: readonly PlannedWrite[]): Promise<GroupOutcomeRow[]> {
    return this.database.query<GroupOutcomeRow>(
      'append',
      `SELECT outcome, first_position FROM ${this.database.schema}.append_group($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        writes.map((w) => w.item.tenant),
        writes.map((w) => w.item.stream),
        writes.map((w) => w.item.key),
        writes.map((w) => w.plannedVersion),
        writes.map((w) => w.events.length),
        writes.flatMap((w, i) => w.events.map(() => i + 1)),
        ...eventColumns(writes.flatMap((w) => w.events)),
      ],
      'append_group',
    );
  }

  // A group of one (a single writer's every append): the same checks in append_one, whose plans stay cached.
  private writeOne(write: PlannedWrite): Promise<GroupOutcomeRow[]> {
    return this.database.query<GroupOutcomeRow>(
      'append',
      `SELECT outcome, first_position FROM ${this.database.schema}.append_one($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        write.item.tenant,
        write.item.stream,
        write.item.key,
        write.plannedVersion,
        ...eventColumns(write.events),
      ],
      'append_one',
    );
  }

  // Resolves the written appends and hands back the others; tells listeners of each tenant written.
  private settle(writes: readonly PlannedWrite[], rows: readonly GroupOutcomeRow[]): QueuedAppend[] {
    const retry: QueuedAppend[] = [];
    const tenants = new Set<string>();
    rows.forEach((row, i) => {
      const { item, events } = writes[i]!;
      if (row.outcome !== 'written') {
        // 'moved': someone appended since; 'exists': an id is stored (a retry, or a reused id).
        this.heads.delete(item.key);
        item.attempts += 1;
        retry.push(item);
        return;
      }
      const last = events[events.length - 1]!;
      this.heads.set(item.key, { version: last.version, hash: last.hash });
      const first = Number(row.first_position);
      tenants.add(item.request.tenantId);
      item.resolve(
        appendResultOf(
          item.request.streamId,
          events.map((event, j) => ({ eventId: event.eventId, version: event.version, position: first + j })),
          false,
        ),
      );
    });
    for (const tenant of tenants) this.notifier.committed(tenant);
    return retry;
  }
}

/**
 * A group that failed as a whole. A race the database detected rolled it back: its
 * appends are replanned from fresh reads. Anything else (an unavailable server, when the
 * outcome is unknown and a retry with the same ids is safe) is every append's answer.
 */
function failed(items: readonly QueuedAppend[], error: unknown): QueuedAppend[] {
  if (isRetryable(error)) {
    for (const item of items) item.attempts += 1;
    return [...items];
  }
  for (const item of items) item.reject(error);
  return [];
}
