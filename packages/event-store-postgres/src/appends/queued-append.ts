import type { Instant } from '@vouch/domain';
import type { AppendResult, PlannedEvent, PreparedAppend } from '@vouch/event-store';

/** An append waiting for (or being carried by) a group transaction. */
export interface QueuedAppend {
  readonly request: PreparedAppend;
  readonly now: () => Instant;
  readonly tenant: string;
  readonly stream: string;
  /** The stream's lock key, also the key of its cached head. */
  readonly key: string;
  /** Optimistic tries so far; from the second on, the head is read, never taken from the cache. */
  attempts: number;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** An append of a group whose plan is to write these events on top of `plannedVersion`. */
export interface PlannedWrite {
  readonly item: QueuedAppend;
  readonly plannedVersion: number;
  readonly events: readonly PlannedEvent[];
}

/** A stream's advisory-lock key. Collisions of its hash only make two streams wait for each other, never mix them up. */
export function streamLockKey(schemaName: string, tenant: string, stream: string): string {
  return JSON.stringify([schemaName, tenant, stream]);
}
