import type { CheckpointStore, EventStore, ReadModelStore } from '@vouch/event-store';
import { describeHits, scanFor, type PersonalValue, type ScanSource } from './erasure-scan';
import { controlValue } from './privacy-program';

/** A store opened for the erasure scan, with the durable places the facade keeps its progress in. */
export interface ScannedStore {
  readonly store: EventStore;
  readonly readModels: ReadModelStore;
  readonly checkpoints: CheckpointStore;
  /** Every byte the store holds, as named sources. */
  bytes(): Promise<ScanSource[]>;
  /** Folds what the store keeps aside (SQLite: the WAL) into its main files, if it has such. */
  checkpoint?(): Promise<void>;
}

/** Expects no value among the sources, and the control among them (so the scan can fail). */
export function expectScanClean(sources: readonly ScanSource[], erased: readonly PersonalValue[]): void {
  expect(sources.length).toBeGreaterThan(0);
  expect(describeHits(scanFor(sources, erased))).toBe('');
  expect(scanFor(sources, [controlValue()]).length).toBeGreaterThan(0);
}
