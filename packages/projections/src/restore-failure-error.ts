import { errorKindOf, thrownAtOf } from './error-kind';

/**
 * A saved state passed every check of the saved state (readable, of this layout, its seals
 * open) and still failed to restore: a fault of the code restoring it, or a saved state changed
 * inside its entries, which a silent rebuild from the log would hide. No retry mends it. Names
 * the error's kind and where it was thrown, never its message (it may quote the saved content).
 */
export abstract class RestoreFailureError extends Error {
  abstract readonly code: string;
  /** The failure's class name and code. */
  readonly kind: string;
  /** The first frame of the failure's stack in a file of code (a place, no value). */
  readonly thrownAt: string | undefined;

  /** `describe` gets the failure as said: its kind, and where it was thrown. */
  protected constructor(describe: (failure: string) => string, failure: unknown) {
    const kind = errorKindOf(failure);
    const thrownAt = thrownAtOf(failure);
    super(describe(`${kind}${thrownAt ? ` thrown at ${thrownAt}` : ''}`));
    this.kind = kind;
    this.thrownAt = thrownAt;
  }
}
