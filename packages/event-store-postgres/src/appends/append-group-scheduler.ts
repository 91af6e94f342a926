import type { QueuedAppend } from './queued-append';

/** Most appends, and most events, that one group transaction carries. */
const MAX_GROUP_APPENDS = 256;
const MAX_GROUP_EVENTS = 4096;
/** Group transactions in flight at once (each on its own connection). */
const GROUPS_IN_FLIGHT = 4;

/** Writes one group; settles every append of it or returns those to try again. Never throws for a refusal. */
export type CommitGroup = (group: readonly QueuedAppend[]) => Promise<QueuedAppend[]>;

/**
 * When appends are written and with which others, apart from how: the appends waiting
 * when a group starts go into one group transaction, up to GROUPS_IN_FLIGHT at once so
 * that the server's own group commit (one WAL flush for concurrent commits) adds to ours.
 * A stream is in one group in flight at most: its next appends wait for that group's
 * outcome, and plan on the head it leaves. No SQL here.
 */
export class AppendGroupScheduler {
  private queue: QueuedAppend[] = [];
  private scheduled = false;
  private inFlight = 0;
  /** Streams with an append in flight, and how many. */
  private readonly busyStreams = new Map<string, number>();

  /** `commit` is how a group is written (the group commit, which may hand appends back to `alone`). */
  constructor(private readonly commit: CommitGroup) {}

  /** Queues an append for the next group. */
  enqueue(item: QueuedAppend): void {
    this.queue.push(item);
    this.schedule();
  }

  /**
   * Runs an append's own transaction with its stream marked busy, so no group takes the
   * stream meanwhile; what waited for it is scheduled afterwards.
   */
  async alone(key: string, work: () => Promise<void>): Promise<void> {
    this.busy(key, +1);
    try {
      await work();
    } finally {
      this.busy(key, -1);
      if (this.queue.length > 0) this.schedule();
    }
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // On the next turn of the event loop: every append issued in the meantime joins.
    setImmediate(() => {
      this.scheduled = false;
      this.startGroups();
    });
  }

  private startGroups(): void {
    while (this.inFlight < GROUPS_IN_FLIGHT && this.queue.length > 0) {
      const group: QueuedAppend[] = [];
      const waiting: QueuedAppend[] = [];
      let events = 0;
      for (const item of this.queue) {
        const fits =
          group.length < MAX_GROUP_APPENDS &&
          (group.length === 0 || events + item.request.events.length <= MAX_GROUP_EVENTS);
        if (fits && !this.busyStreams.has(item.key)) {
          group.push(item);
          events += item.request.events.length;
        } else {
          waiting.push(item);
        }
      }
      if (group.length === 0) return;
      this.queue = waiting;
      void this.runGroup(group);
    }
  }

  private busy(key: string, change: 1 | -1): void {
    const count = (this.busyStreams.get(key) ?? 0) + change;
    if (count === 0) this.busyStreams.delete(key);
    else this.busyStreams.set(key, count);
  }

  private async runGroup(group: QueuedAppend[]): Promise<void> {
    this.inFlight += 1;
    const keys = new Set(group.map((item) => item.key));
    for (const key of keys) this.busy(key, +1);
    let retry: QueuedAppend[];
    try {
      retry = await this.commit(group);
    } catch (error) {
      // A bug, not a refusal: fail the group rather than leave its appends waiting forever.
      for (const item of group) item.reject(error);
      retry = [];
    }
    for (const key of keys) this.busy(key, -1);
    this.inFlight -= 1;
    // Replanned appends go first, in their order, ahead of the ones that arrived since.
    this.queue.unshift(...retry);
    if (this.queue.length > 0) this.schedule();
  }
}
