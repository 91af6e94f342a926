import type { Instant } from '@vouch/domain';
import { KeyRotationInProgressError } from '../errors/key-rotation-in-progress-error';
import { MasterKeyMismatchError } from '../errors/master-key-mismatch-error';
import { unwrapDataKey, unwrapsWith, wrapDataKey, type WrappedDataKey } from './data-key-wrapping';
import {
  masterKeyCheckValue,
  sameCheckValue,
  verifyMasterKey,
  type MasterKeyCheckRepository,
  type RotationCursor,
} from './master-key-check';

/** One data key wrapped anew: the row as read, and its bytes under the new master key. */
export interface RewrappedKey {
  readonly key: WrappedDataKey;
  readonly wrappedKey: Buffer;
}

/** What a rotation needs of the store holding the wrapped data keys. */
export interface KeyRotationRepository extends MasterKeyCheckRepository {
  /**
   * Marks a rotation from `from` to `to` as running (keeping its progress when it already
   * runs); false when the recorded value is not `from` or a rotation to another key runs.
   */
  beginRotation(from: string, to: string): Promise<boolean>;
  /** How many data keys after `after` are still wrapped (erased ones have nothing left to re-wrap). */
  countWrappedKeys(after: RotationCursor | null): Promise<number>;
  /** Still-wrapped data keys after `after`, in (tenant, subject) order. */
  wrappedKeysAfter(after: RotationCursor | null, limit: number): Promise<WrappedDataKey[]>;
  /**
   * Stores the re-wrapped keys (each only while its row still holds the bytes that were read,
   * so a key erased meanwhile stays erased) and the rotation's progress, in one transaction.
   */
  saveRewrapped(
    rewrapped: readonly RewrappedKey[],
    progress: { readonly after: RotationCursor; readonly rotated: number },
  ): Promise<void>;
  /** Makes `to` the store's key check value and ends the rotation; false when none from `from` runs. */
  finishRotation(from: string, to: string): Promise<boolean>;
}

export interface RotationOptions {
  /** The store, for messages. */
  readonly store: string;
  readonly now: () => Instant;
  /** Data keys re-wrapped per transaction; default 500. */
  readonly batchSize?: number;
  /** Called after every batch with the keys done so far and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface RotationReport {
  /** Data keys still wrapped when the run began (erased ones excluded). */
  readonly total: number;
  /** Re-wrapped by this run. */
  readonly rewrapped: number;
  /** True when an interrupted rotation was continued. */
  readonly resumed: boolean;
  /** True when the store was already under the new key: nothing to do. */
  readonly alreadyRotated: boolean;
}

/**
 * Re-wraps every data key under a new master key, in batches that each commit with the
 * progress, so an interrupted run (even kill -9) is continued by the next. While it runs the
 * store opens for nothing else; once it ends the store answers only to the new key.
 */
export async function rotateMasterKey(
  repository: KeyRotationRepository,
  oldKey: Buffer,
  newKey: Buffer,
  options: RotationOptions,
): Promise<RotationReport> {
  const from = masterKeyCheckValue(oldKey);
  const to = masterKeyCheckValue(newKey);
  if (sameCheckValue(from, to)) throw new RangeError('The new master key is the old one.');
  let recorded = await repository.readKeyCheck();
  if (!recorded) {
    await verifyMasterKey(oldKey, repository, options.store, options.now);
    recorded = await repository.readKeyCheck();
  }
  if (recorded && recorded.rotatingTo === null && sameCheckValue(recorded.value, to)) {
    return { total: 0, rewrapped: 0, resumed: false, alreadyRotated: true };
  }
  if (recorded?.rotatingTo != null && !sameCheckValue(recorded.rotatingTo, to)) {
    throw new KeyRotationInProgressError(options.store);
  }
  if (!recorded || !sameCheckValue(recorded.value, from)) throw new MasterKeyMismatchError(options.store);
  const resumed = recorded.rotatingTo !== null;
  if (!(await repository.beginRotation(from, to))) throw new MasterKeyMismatchError(options.store);
  const progress = (await repository.readKeyCheck())!;

  const batchSize = options.batchSize ?? 500;
  const total = progress.rotated + (await repository.countWrappedKeys(progress.rotationAfter));
  let after = progress.rotationAfter;
  let done = progress.rotated;
  let rewrapped = 0;
  options.onProgress?.(done, total);
  for (;;) {
    const page = await repository.wrappedKeysAfter(after, batchSize);
    if (page.length === 0) break;
    const changes: RewrappedKey[] = [];
    for (const key of page) {
      // Re-wrapped by a run that was stopped before it could record its progress.
      if (unwrapsWith(newKey, key)) continue;
      const dataKey = unwrapDataKey(oldKey, key.tenantId, key.subjectId, key.wrappedKey);
      changes.push({ key, wrappedKey: wrapDataKey(newKey, key.tenantId, key.subjectId, dataKey) });
      dataKey.fill(0);
    }
    const last = page[page.length - 1]!;
    after = { tenantId: last.tenantId, subjectId: last.subjectId };
    done += page.length;
    await repository.saveRewrapped(changes, { after, rotated: done });
    rewrapped += changes.length;
    options.onProgress?.(done, Math.max(total, done));
  }
  if (!(await repository.finishRotation(from, to))) throw new MasterKeyMismatchError(options.store);
  return { total: Math.max(total, done), rewrapped, resumed, alreadyRotated: false };
}
