import { WholeLines, countersBetween } from './log-lines';

/**
 * Running totals of a node process's `--trace-gc-nvp` scavenge lines, fed its stdout as it comes: how many
 * scavenges, the bytes allocated in the young generation since the previous collection, the bytes that survived a
 * scavenge in it and the bytes promoted to the old generation (survivors of two scavenges). What a window of
 * requests promotes, divided by its requests, is how much each request adds to the old generation — what brings
 * the next full collection of the whole heap. `grown` is what the heap kept growing by from one scavenge to the next
 * (`total_size_after`, only across pairs with no other collection between): the promoted bytes plus what was
 * allocated in the old generation directly (maps, internalized strings, pretenured objects) — all of it waits for
 * a full collection.
 */
export interface ScavengeTotals {
  readonly scavenges: number;
  readonly allocated: number;
  readonly survived: number;
  readonly promoted: number;
  readonly grown: number;
}

/** No scavenge at all. */
export const NO_SCAVENGE: ScavengeTotals = { scavenges: 0, allocated: 0, survived: 0, promoted: 0, grown: 0 };

const field = (line: string, name: string): number =>
  Number(new RegExp(`(?:^|\\s)${name}=(\\d+)(?:\\s|$)`).exec(line)?.[1] ?? 0);

/** Totals over the lines fed so far; `feed` takes chunks cut anywhere (a line is counted once it is whole). */
export class ScavengeNvpTally {
  private readonly lines = new WholeLines();
  private totals: ScavengeTotals = NO_SCAVENGE;
  /** The heap's size after the last collection when that was a scavenge; undefined after any other. */
  private sizeAfterScavenge: number | undefined;

  feed(chunk: string): void {
    for (const line of this.lines.feed(chunk)) {
      if (/\sgc=s\s/.test(line)) this.count(line);
      else if (/\sgc=\w+\s/.test(line)) this.sizeAfterScavenge = undefined;
    }
  }

  /** The totals so far (a snapshot: later lines do not change it). */
  now(): ScavengeTotals {
    return this.totals;
  }

  private count(line: string): void {
    const t = this.totals;
    const sizeAfter = field(line, 'total_size_after');
    this.totals = {
      scavenges: t.scavenges + 1,
      allocated: t.allocated + field(line, 'allocated'),
      survived: t.survived + field(line, 'new_space_survived'),
      promoted: t.promoted + field(line, 'promoted'),
      grown: t.grown + (this.sizeAfterScavenge === undefined ? 0 : sizeAfter - this.sizeAfterScavenge),
    };
    this.sizeAfterScavenge = sizeAfter;
  }
}

/** What happened between two totals. */
export function scavengesBetween(before: ScavengeTotals, after: ScavengeTotals): ScavengeTotals {
  return countersBetween(before, after);
}
