import { StoreUnavailableError } from '@vouch/event-store';
import { ErrorType, isCommandError } from '@eventstore/db-client';

// The server cannot be reached, is not the leader, or did not answer in time: the
// outcome of a write is unknown, and a retry of the same append is idempotent.
const UNAVAILABLE = new Set<string>([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.NOT_LEADER,
  ErrorType.TIMEOUT,
  ErrorType.CANCELLED,
]);

/** Runs a client call; an unreachable cluster becomes the contract's StoreUnavailableError. */
export async function whileReachable<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isCommandError(error as Error) && UNAVAILABLE.has((error as { type: string }).type)) {
      throw new StoreUnavailableError(
        `EventStoreDB is unavailable (${what}): ${(error as Error).message}`,
        error,
      );
    }
    throw error;
  }
}
