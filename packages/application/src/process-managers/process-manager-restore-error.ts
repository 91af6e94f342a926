import { errorKindOf, thrownAtOf } from '@vouch/projections';

/**
 * A process manager's saved state passed every check of the saved state (readable, of this
 * layout, its seals open) and still failed to restore: a fault of the code restoring it, or a
 * saved state changed inside its entries, which a silent relearn from the log would hide. The
 * start fails and the saved state is kept. Names the manager, the error's kind and where it
 * was thrown, never its message (it may quote the saved content).
 */
export class ProcessManagerRestoreError extends Error {
  override readonly name = 'ProcessManagerRestoreError';
  readonly code = 'PROCESS_MANAGER_RESTORE_FAILED';
  /** The failure's class name and code. */
  readonly kind: string;
  /** The first frame of the failure's stack in a file of code (a place, no value). */
  readonly thrownAt: string | undefined;

  constructor(
    readonly manager: string,
    readonly tenantId: string,
    readonly version: number,
    failure: unknown,
  ) {
    const kind = errorKindOf(failure);
    const thrownAt = thrownAtOf(failure);
    super(
      `Process manager ${manager} (saved state v${version}) of tenant ${tenantId} failed to restore from its saved ` +
        `state (${kind}${thrownAt ? ` thrown at ${thrownAt}` : ''}) though it is readable, of this layout and its ` +
        'seals open: a fault of the code restoring it, or a saved state changed inside its entries; not relearnt ' +
        'silently. The saved state is kept; a rebuild (`vouch rebuild`) relearns it from the log.',
    );
    this.kind = kind;
    this.thrownAt = thrownAt;
  }
}
