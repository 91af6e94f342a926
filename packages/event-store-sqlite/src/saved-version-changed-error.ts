/**
 * A read-model save could not switch to what it wrote: the version changed under it between
 * its staging transactions and its switch (activated, discarded or saved by another process or
 * call), which dropped or overtook what it staged. Nothing of it is live; the previous save
 * stays. Names the row only.
 */
export class SavedVersionChangedError extends Error {
  readonly code = 'SAVED_VERSION_CHANGED';

  constructor(
    readonly tenantId: string,
    readonly projection: string,
    readonly version: number,
    /** What changed: the staged pieces or entries were dropped, or entries were saved meanwhile. */
    readonly what: string,
  ) {
    super(
      `Read model ${projection} v${version} of ${tenantId} changed during the save (${what}); nothing of this save is live. Save again.`,
    );
    this.name = 'SavedVersionChangedError';
  }
}
