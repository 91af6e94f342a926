import { InvalidAppendError } from '../errors/invalid-append-error';

const MAX_LENGTH = 512;

/** Refuses an id that is not a non-empty string of reasonable length. */
export function assertIdentifier(what: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_LENGTH) {
    throw new InvalidAppendError(
      `The ${what} must be a non-empty string of at most ${MAX_LENGTH} characters.`,
    );
  }
}
