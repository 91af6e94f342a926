import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full, blocking collection: `global.gc` under --expose-gc, else the same function obtained from V8. */
function fullGc(): () => void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Process memory after full collections, repeated (with a turn of the event loop between,
 * for finalizers) until one frees less than 1 MB: a single collection can leave garbage
 * that the next one frees.
 */
export async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  const gc = fullGc();
  let previous = Infinity;
  for (let pass = 0; pass < 8; pass++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    const now = process.memoryUsage();
    if (previous - now.heapUsed < 2 ** 20) return now;
    previous = now.heapUsed;
  }
  return process.memoryUsage();
}

/** What a value holds on the heap, the process's memory while it was held, and what its use answered. */
export interface HeldHeap<R> {
  /** Heap bytes freed when the value was dropped (after settled collections either side); never negative. */
  readonly heldBytes: number;
  /** The process's settled memory with the value. */
  readonly withIt: NodeJS.MemoryUsage;
  /** What `use` returned. */
  readonly used: R;
}

/**
 * The heap a value holds. `use` runs first (e.g. the queries a benchmark times on read
 * models): whatever it leaves behind outside the value — compiled code, caches of other
 * modules — is then in both measurements, so it cannot make the difference negative, and
 * what it builds inside the value (indexes, caches) counts as the value's. Then the value
 * is measured held and dropped: the holder must be its only reference, so the caller keeps
 * it in no variable of its own (an async caller's suspended frame may keep even a dead one).
 */
export async function heldHeap<T extends object, R = undefined>(
  holder: { value?: T },
  use: (value: T) => R = () => undefined as R,
): Promise<HeldHeap<R>> {
  // Used from a plain function: a suspended async function may keep stale registers, and
  // one holding the value would keep it alive after it is dropped.
  const { used, dropped } = useHeld(holder, use);
  const withIt = await settledMemory();
  delete holder.value;
  const without = await settledMemory();
  // A value something else still holds frees nothing when dropped: no figure rather than a wrong one.
  if (dropped.deref() !== undefined) {
    throw new Error('the measured value is still referenced elsewhere: dropping it frees nothing');
  }
  return { heldBytes: Math.max(0, withIt.heapUsed - without.heapUsed), withIt, used };
}

function useHeld<T extends object, R>(
  holder: { value?: T },
  use: (value: T) => R,
): { used: R; dropped: WeakRef<T> } {
  if (holder.value === undefined) throw new Error('nothing held to measure');
  return { used: use(holder.value), dropped: new WeakRef(holder.value) };
}
