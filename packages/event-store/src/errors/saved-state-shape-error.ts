import { EventStoreError, EventStoreErrorCode } from './event-store-error';

/**
 * A saved state is valid JSON but not of the layout this code writes (a member missing, an
 * older layout, another model's state): it is rebuilt from the log, never restored into a
 * model that would fail later. Names the member (`where`), never a value.
 */
export class SavedStateShapeError extends EventStoreError {
  constructor(readonly where: string) {
    super(EventStoreErrorCode.SAVED_STATE_SHAPE, `saved snapshot: ${where}`);
  }
}
