import type { ReplayEvent } from '../replay-event';

/** What a replay folds of each event, whichever read gave it: to compare a replay read with `readStream`. */
export function replayedFields(events: readonly ReplayEvent[]) {
  return events.map(({ type, data, checkpoint, recordedAt, metadata }) => ({
    type,
    data,
    checkpoint,
    recordedAt,
    effectiveAt: metadata.effectiveAt,
  }));
}
