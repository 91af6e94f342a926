import { StoreUnavailableError } from '@vouch/event-store';

const FIRST_DELAY_MS = 50;
const MAX_DELAY_MS = 2000;

/**
 * Calls `read` until it succeeds, waiting with growing pauses while the store is
 * unavailable; any other error ends it. Returns `whenStopped` once `signal` aborts.
 */
export async function retryWhileUnavailable<T>(
  read: () => Promise<T>,
  signal: AbortSignal,
  whenStopped: T,
): Promise<T> {
  let delay = FIRST_DELAY_MS;
  for (;;) {
    if (signal.aborted) return whenStopped;
    try {
      return await read();
    } catch (error) {
      if (!(error instanceof StoreUnavailableError) || signal.aborted) {
        if (signal.aborted) return whenStopped;
        throw error;
      }
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, delay);
      signal.addEventListener('abort', done, { once: true });
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
    });
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}
