import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Instant } from '@vouch/domain';
import { KeyRotationInProgressError } from '../errors/key-rotation-in-progress-error';
import { MasterKeyMismatchError } from '../errors/master-key-mismatch-error';
import { unwrapsWith, type WrappedDataKey } from './data-key-wrapping';

const LABEL = 'vouch.master-key-check.v1';

/**
 * The key check value of a master key: HMAC-SHA256 of a fixed label under the key. It tells
 * two keys apart and reveals nothing of the key itself.
 */
export function masterKeyCheckValue(masterKey: Buffer): string {
  return `v1:${createHmac('sha256', masterKey).update(LABEL).digest('hex')}`;
}

/** Where a rotation has got to: the last data key re-wrapped, in (tenant, subject) order. */
export interface RotationCursor {
  readonly tenantId: string;
  readonly subjectId: string;
}

/** What a store records about the master key its data keys are wrapped with. */
export interface MasterKeyCheckRecord {
  readonly value: string;
  /** While a rotation runs: the key check value of the new key; else null. */
  readonly rotatingTo: string | null;
  /** While a rotation runs: the last data key it re-wrapped (null before the first). */
  readonly rotationAfter: RotationCursor | null;
  /** While a rotation runs: how many data keys it has re-wrapped or found re-wrapped. */
  readonly rotated: number;
}

/** Where a store keeps its key check value (beside its wrapped data keys). */
export interface MasterKeyCheckRepository {
  readKeyCheck(): Promise<MasterKeyCheckRecord | undefined>;
  /** Any still-wrapped data key: checks a key against a store created before key check values. */
  sampleWrappedKey(): Promise<WrappedDataKey | undefined>;
  /** Records the value unless one is recorded already (then that one stays). */
  recordKeyCheck(value: string, at: Instant): Promise<void>;
}

/** What a store holds about its master key when it is opened. */
export interface MasterKeyCheckState {
  readonly recorded: MasterKeyCheckRecord | undefined;
  readonly sample: WrappedDataKey | undefined;
}

/**
 * Decides whether a store may be opened with `masterKey`: throws MasterKeyMismatchError when
 * the key is another one (by the recorded check value, or, for a store that has none yet,
 * by a data key it fails to unwrap) and KeyRotationInProgressError during a rotation.
 * Returns the value to record when the store has none yet.
 */
export function checkMasterKey(
  masterKey: Buffer,
  state: MasterKeyCheckState,
  store: string,
): { readonly record?: string } {
  const value = masterKeyCheckValue(masterKey);
  if (state.recorded) {
    if (state.recorded.rotatingTo !== null) throw new KeyRotationInProgressError(store);
    if (!sameCheckValue(state.recorded.value, value)) throw new MasterKeyMismatchError(store);
    return {};
  }
  if (state.sample && !unwrapsWith(masterKey, state.sample)) throw new MasterKeyMismatchError(store);
  return { record: value };
}

/**
 * Checks `masterKey` against the store's key check value and records it on the first open
 * (a store created before key check values records the key it is first opened with, once a
 * data key shows that key is the right one).
 */
export async function verifyMasterKey(
  masterKey: Buffer,
  repository: MasterKeyCheckRepository,
  store: string,
  now: () => Instant,
): Promise<void> {
  const recorded = await repository.readKeyCheck();
  const sample = recorded ? undefined : await repository.sampleWrappedKey();
  const decision = checkMasterKey(masterKey, { recorded, sample }, store);
  if (decision.record === undefined) return;
  await repository.recordKeyCheck(decision.record, now());
  // Two first opens with different keys: whichever recorded first is the store's key.
  checkMasterKey(masterKey, { recorded: await repository.readKeyCheck(), sample: undefined }, store);
}

/** Compares two key check values in constant time. */
export function sameCheckValue(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
