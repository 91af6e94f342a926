import { RestoreFailureError } from './restore-failure-error';

/**
 * A read model's saved state passed every check and still failed to restore (see
 * RestoreFailureError). The start fails and the saved state is kept; `vouch rebuild` replaces it.
 */
export class ProjectionRestoreError extends RestoreFailureError {
  override readonly name = 'ProjectionRestoreError';
  readonly code = 'PROJECTION_RESTORE_FAILED';

  constructor(
    readonly projection: string,
    readonly tenantId: string,
    readonly version: number,
    failure: unknown,
  ) {
    super(
      (said) =>
        `Read model ${projection} v${version} of tenant ${tenantId} failed to restore from its saved state (${said}) ` +
        'though it is readable, of this layout and its seals open: a fault of the code restoring it, or a saved state ' +
        'changed inside its entries; not relearnt silently. The saved state is kept; a rebuild from the log ' +
        '(`vouch rebuild`) replaces it.',
      failure,
    );
  }
}
