import { errorKindOf, thrownAtOf } from './error-kind';

/**
 * A saved state passed every check of the saved state (readable, of this layout, its seals
 * open) and still failed to restore: a fault of the code restoring it or an unexpected failure
 * (or a saved state changed inside its entries, which the checks do not open), which a silent
 * build from the log would hide. The start fails and the saved state is kept.
 * Names the row, the error's kind and where it was thrown, never its message (it may quote
 * the saved content).
 */
export class ProjectionRestoreError extends Error {
  override readonly name = 'ProjectionRestoreError';
  readonly code = 'PROJECTION_RESTORE_FAILED';
  /** The failure's class name and code, and the first frame of its stack in a file of code (a place, no value). */
  readonly kind: string;
  readonly thrownAt: string | undefined;

  constructor(
    readonly projection: string,
    readonly tenantId: string,
    readonly version: number,
    failure: unknown,
  ) {
    const kind = errorKindOf(failure);
    const thrownAt = thrownAtOf(failure);
    super(
      `Read model ${projection} v${version} of tenant ${tenantId} failed to restore from its saved state (${kind}` +
        `${thrownAt ? ` thrown at ${thrownAt}` : ''}) though it is readable, of this layout and its seals open: a fault of ` +
        'the code restoring it, or a saved state changed inside its entries; not relearnt silently. The saved state is ' +
        'kept; a rebuild from the log (`vouch rebuild`) replaces it.',
    );
    this.kind = kind;
    this.thrownAt = thrownAt;
  }
}
