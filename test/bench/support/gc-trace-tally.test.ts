import { GcTraceTally, gcBetween } from './gc-trace-tally';

// Lines as node 20 prints them with --trace-gc (taken from a served process's stdout), between request log lines.
const SCAVENGE =
  '[10973:0xc58f260]   156950 ms: Scavenge 657.6 (780.2) -> 644.8 (780.2) MB, 55.98 / 0.15 ms  (average mu = 0.894, current mu = 0.875) allocation failure; ';
const MARK_COMPACT =
  '[10973:0xc58f260]    86326 ms: Mark-Compact 693.5 (782.5) -> 606.4 (767.0) MB, 153.43 / 0.03 ms  (+ 271.7 ms in 519 steps since start of marking, biggest step 48.6 ms, walltime since start of marking 4309 ms) (average mu = 0.965, current mu = 0.958) finalize incremental marking via stack guard; GC in old space requested';
const REDUCE =
  '[10973:0xc58f260]   141021 ms: Mark-Compact (reduce) 729.8 (837.5) -> 610.9 (748.9) MB, 3958.01 / 0.52 ms  (+ 244.4 ms in 25 steps since start of marking, biggest step 51.1 ms) finalize incremental marking via stack guard';
const LOG = '{"level":30,"msg":"request finished","durationMs":1.85}';

describe("a served process's --trace-gc totals", () => {
  it('counts scavenges by their pause and mark-compacts by their pause plus the incremental steps', () => {
    const tally = new GcTraceTally();
    tally.feed([LOG, SCAVENGE, LOG, MARK_COMPACT, SCAVENGE, REDUCE, ''].join('\n'));
    const totals = tally.now();
    expect(totals.scavenges).toBe(2);
    expect(totals.scavengeMs).toBeCloseTo(2 * 55.98, 6);
    expect(totals.markCompacts).toBe(2);
    expect(totals.markCompactMs).toBeCloseTo(153.43 + 271.7 + 3958.01 + 244.4, 6);
  });

  it('counts a line cut across chunks once it is whole, and nothing of an unfinished one', () => {
    const tally = new GcTraceTally();
    const text = `${LOG}\n${SCAVENGE}\n${MARK_COMPACT}\n`;
    for (let at = 0; at < text.length; at += 7) tally.feed(text.slice(at, at + 7));
    expect(tally.now()).toEqual({
      scavenges: 1,
      scavengeMs: 55.98,
      markCompacts: 1,
      markCompactMs: 153.43 + 271.7,
    });
    tally.feed(SCAVENGE);
    expect(tally.now().scavenges).toBe(1);
    tally.feed('\n');
    expect(tally.now().scavenges).toBe(2);
  });

  it('charges a window what happened between its two readings', () => {
    const tally = new GcTraceTally();
    tally.feed(`${SCAVENGE}\n`);
    const before = tally.now();
    tally.feed(`${MARK_COMPACT}\n${SCAVENGE}\n`);
    const window = gcBetween(before, tally.now());
    expect(window.scavenges).toBe(1);
    expect(window.scavengeMs).toBeCloseTo(55.98, 6);
    expect(window.markCompacts).toBe(1);
    expect(window.markCompactMs).toBeCloseTo(425.13, 6);
  });
});
