import type { Checkpoint } from '../checkpoint';
import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/** Where a saved read model (or process-manager state) lives: its row, never its content. */
export interface SavedStateRow {
  readonly tenantId: string;
  readonly projection: string;
  readonly version: number;
  /** The checkpoint the row says it reflects (stored apart from the broken text), when known. */
  readonly checkpoint?: Checkpoint;
  /** Which stored text is broken: the snapshot or its append-only entries. */
  readonly part: 'snapshot' | 'entries';
}

/**
 * A saved read model's text is not JSON (a torn write, a hand edit, a bad restore). Names the
 * row only: the parser's own message quotes the text around the error, which may be personal
 * data, so it is neither kept as the message nor as the cause.
 */
export class SavedStateUnreadableError extends EventStoreError {
  constructor(readonly row: SavedStateRow) {
    super(
      EventStoreErrorCode.SAVED_STATE_UNREADABLE,
      `The saved ${row.part} of read model ${row.projection} v${row.version} of tenant ${row.tenantId} is not readable JSON (a torn write or a hand edit).`,
    );
  }

  /** Why a runner relearns from the log, as its notice says it: the row, never its text. */
  get relearnReason(): string {
    const { projection, version, tenantId } = this.row;
    return `its saved state (read model ${projection} v${version} of tenant ${tenantId}) is not readable JSON (a torn write or a hand edit)`;
  }
}
