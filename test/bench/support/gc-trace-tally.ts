import { WholeLines, countersBetween } from './log-lines';

/**
 * Running totals of a node process's `--trace-gc` lines, fed its stdout as it comes: how many scavenges and
 * mark-compacts it reported and the main thread's time in them (a scavenge's pause; a mark-compact's final pause
 * plus the incremental marking steps it lists, which the main thread ran between requests). A benchmark reads
 * the totals before and after a block of requests to charge the GC of that window to that block.
 */
export interface GcTotals {
  readonly scavenges: number;
  readonly scavengeMs: number;
  readonly markCompacts: number;
  readonly markCompactMs: number;
}

// `[pid:0x…]   1234 ms: Scavenge 657.6 (780.2) -> 644.8 (780.2) MB, 55.98 / 0.15 ms  (average mu = …`
// `[pid:0x…]  86326 ms: Mark-Compact (reduce) 693.5 (782.5) -> 606.4 (767.0) MB, 153.43 / 0.03 ms  (+ 271.7 ms in 519 steps …`
const GC_LINE =
  /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: (Scavenge|Mark-Compact|Minor Mark-Compact)\b.*? MB, ([\d.]+) \/ [\d.]+ ms(?:\s+\(\+ ([\d.]+) ms in \d+ steps)?/;

/** No collection at all. */
export const NO_GC: GcTotals = { scavenges: 0, scavengeMs: 0, markCompacts: 0, markCompactMs: 0 };

/** Totals over the lines fed so far; `feed` takes chunks cut anywhere (a line is counted once it is whole). */
export class GcTraceTally {
  private readonly lines = new WholeLines();
  private totals: GcTotals = NO_GC;

  feed(chunk: string): void {
    for (const line of this.lines.feed(chunk)) this.count(line);
  }

  /** The totals so far (a snapshot: later lines do not change it). */
  now(): GcTotals {
    return this.totals;
  }

  private count(line: string): void {
    const match = GC_LINE.exec(line);
    if (!match) return;
    const t = this.totals;
    const pause = Number(match[2]);
    this.totals =
      match[1] === 'Mark-Compact'
        ? {
            ...t,
            markCompacts: t.markCompacts + 1,
            markCompactMs: t.markCompactMs + pause + Number(match[3] ?? 0),
          }
        : { ...t, scavenges: t.scavenges + 1, scavengeMs: t.scavengeMs + pause };
  }
}

/** What happened between two totals. */
export function gcBetween(before: GcTotals, after: GcTotals): GcTotals {
  return countersBetween(before, after);
}

/** Two windows' collections together. */
export function gcSum(a: GcTotals, b: GcTotals): GcTotals {
  return {
    scavenges: a.scavenges + b.scavenges,
    scavengeMs: a.scavengeMs + b.scavengeMs,
    markCompacts: a.markCompacts + b.markCompacts,
    markCompactMs: a.markCompactMs + b.markCompactMs,
  };
}

/** A window's collections per request, as the bench prints them. */
export function gcText(gc: GcTotals, requests: number): string {
  const perRequest = (ms: number) => (ms / Math.max(1, requests)).toFixed(2);
  return `GC ${perRequest(gc.scavengeMs + gc.markCompactMs)} ms/req (${gc.scavenges} scavenges ${perRequest(gc.scavengeMs)}, ${gc.markCompacts} mark-compacts ${perRequest(gc.markCompactMs)})`;
}
