import { RestoreFailureError } from '@vouch/projections';

/**
 * A process manager's saved state passed every check and still failed to restore (see
 * RestoreFailureError). The start fails and the saved state is kept; `vouch rebuild` relearns
 * it from the log.
 */
export class ProcessManagerRestoreError extends RestoreFailureError {
  override readonly name = 'ProcessManagerRestoreError';
  readonly code = 'PROCESS_MANAGER_RESTORE_FAILED';

  constructor(
    readonly manager: string,
    readonly tenantId: string,
    readonly version: number,
    failure: unknown,
  ) {
    super(
      (said) =>
        `Process manager ${manager} (saved state v${version}) of tenant ${tenantId} failed to restore from its saved ` +
        `state (${said}) though it is readable, of this layout and its seals open: a fault of the code restoring it, ` +
        'or a saved state changed inside its entries; not relearnt silently. The saved state is kept; a rebuild ' +
        '(`vouch rebuild`) relearns it from the log.',
      failure,
    );
  }
}
