import { ConcurrencyError } from './errors/concurrency-error';
import { InvalidAppendError } from './errors/invalid-append-error';

/**
 * What a writer expects of a stream before its append: an exact version (the version of
 * the stream's last event; 0 means the stream has no events), `no_stream`,
 * `stream_exists`, or `any` (no check).
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

/** The version of a stream without events. Stream versions start at 1. */
export const NO_STREAM_VERSION = 0;

/** Refuses an expected version that is not one of the four states. */
export function assertExpectedVersion(expected: ExpectedVersion): void {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0) {
      throw new InvalidAppendError(`Expected version ${expected} is not a whole number ≥ 0.`);
    }
    return;
  }
  if (expected !== 'no_stream' && expected !== 'stream_exists' && expected !== 'any') {
    throw new InvalidAppendError(
      `Expected version ${String(expected)} is not a number, no_stream, stream_exists or any.`,
    );
  }
}

/** True when a stream at `actual` satisfies the writer's expectation. */
export function satisfiesExpectedVersion(expected: ExpectedVersion, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === NO_STREAM_VERSION;
    case 'stream_exists':
      return actual > NO_STREAM_VERSION;
    default:
      return expected === actual;
  }
}

/** Throws the typed concurrency error when the stream is not where the writer expected. */
export function checkExpectedVersion(
  tenantId: string,
  streamId: string,
  expected: ExpectedVersion,
  actual: number,
): void {
  if (!satisfiesExpectedVersion(expected, actual)) {
    throw new ConcurrencyError(tenantId, streamId, expected, actual);
  }
}
