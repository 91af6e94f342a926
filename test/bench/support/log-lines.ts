/**
 * A process's output fed as it comes, in chunks cut anywhere, given back as whole lines: the
 * GC-log tallies count a line only once it is whole.
 */
export class WholeLines {
  private partial = '';

  /** The lines this chunk completes (the text after its last newline waits for the next chunk). */
  feed(chunk: string): string[] {
    const lines = (this.partial + chunk).split('\n');
    this.partial = lines.pop()!;
    return lines;
  }
}

/** Each member's growth between two running totals of the same counters. */
export function countersBetween<T extends Readonly<Record<keyof T, number>>>(before: T, after: T): T {
  const between = {} as Record<keyof T, number>;
  for (const key of Object.keys(after) as (keyof T)[]) between[key] = after[key] - before[key];
  return between as T;
}
