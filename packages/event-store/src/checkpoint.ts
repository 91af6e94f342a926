/**
 * A position in a tenant's log, opaque to callers but comparable: checkpoints compare in
 * log order as plain strings (`a < b`), so a projection can store one as text and resume
 * after it. Every adapter encodes its own positions; this encoding (fixed-width decimal of
 * a monotonically increasing global sequence) is the one the bundled stores use.
 */
export type Checkpoint = string & { readonly __brand: 'Checkpoint' };

const WIDTH = 16;
const PATTERN = /^\d{16}$/;

/** The checkpoint before the first event: subscribing from it reads the whole log. */
export const START: Checkpoint = '0'.repeat(WIDTH) as Checkpoint;

/** Encodes a store's global sequence number as a checkpoint. */
export function checkpointOf(position: number): Checkpoint {
  if (!Number.isSafeInteger(position) || position < 0) {
    throw new RangeError(`A log position is a whole number ≥ 0, not ${position}.`);
  }
  return String(position).padStart(WIDTH, '0') as Checkpoint;
}

/** Decodes a checkpoint made by `checkpointOf`; refuses anything else. */
export function positionOf(checkpoint: string): number {
  if (!PATTERN.test(checkpoint)) {
    throw new RangeError(`"${checkpoint}" is not a checkpoint of this store.`);
  }
  return Number(checkpoint);
}

/** Orders two checkpoints: negative when `a` comes first, 0 when equal. */
export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
