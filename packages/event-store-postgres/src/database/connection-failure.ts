import { StoreUnavailableError } from '@vouch/event-store';

// Errors that mean "the server cannot be reached or went away", as opposed to a refusal
// of this statement. SQLSTATE class 08 is connection exceptions; 57P01-03 are the
// server shutting down or starting; 53300 is too many connections.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOENT',
]);
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
const MESSAGES = [
  /connection terminated/i,
  /connection error/i,
  /timeout exceeded when trying to connect/i,
  /not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection/i,
];

/** True when an error from `pg` means the server is unreachable or lost, not a refused statement. */
export function isConnectionFailure(error: unknown): boolean {
  // Duck-typed, not `instanceof Error`: socket errors may come from another realm (jest, vm).
  if (typeof error !== 'object' || error === null) return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return false;
  }
  // Node reports a failed connect to several addresses as an AggregateError.
  if (Array.isArray(errors) && errors.some(isConnectionFailure)) return true;
  return typeof message === 'string' && MESSAGES.some((pattern) => pattern.test(message));
}

/** Runs a database call; a lost or refused connection becomes a typed StoreUnavailableError. */
export async function whileAvailable<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isConnectionFailure(error)) {
      throw new StoreUnavailableError(
        `PostgreSQL is unavailable (${what}): ${(error as Error).message}`,
        error,
      );
    }
    throw error;
  }
}
