import { ScavengeNvpTally, scavengesBetween } from './scavenge-nvp-tally';

// Lines as node 20 prints them with --trace-gc-nvp (from a served process's stdout, shortened in the middle only
// where the fields are not read), between request log lines.
const SCAVENGE =
  '[23694:0x2d87cee0]    21061 ms: pause=5.2 mutator=103.3 gc=s reduce_memory=0 time_to_safepoint=0.00 heap.prologue=0.00 scavenge=4.82 scavenge.parallel=3.61 scavenge_throughput=1838256 total_size_before=312808904 total_size_after=302096696 holes_size_before=368632 holes_size_after=434792 allocated=14296624 promoted=1480160 new_space_survived=1464376 nodes_died_in_new=386 nodes_copied_in_new=0 nodes_promoted=0 promotion_ratio=10.7% average_survival_ratio=21.2% promotion_rate=100.0% new_space_survive_rate_=10.6% new_space_allocation_throughput=65655.6 unmapper_chunks=0';
const MARK_COMPACT =
  '[23694:0x2d87cee0]    25061 ms: pause=153.4 mutator=900.1 gc=ms reduce_memory=0 time_to_safepoint=0.00 heap.prologue=0.00 total_size_before=412808904 total_size_after=302096696 allocated=4296624 promoted=2480160 new_space_survived=464376 promotion_rate=50.0%';
const LOG = '{"level":30,"msg":"request finished","durationMs":1.85}';

describe("a served process's --trace-gc-nvp scavenge totals", () => {
  it('adds the allocated, survived and promoted bytes of scavenges only', () => {
    const tally = new ScavengeNvpTally();
    tally.feed([LOG, SCAVENGE, LOG, MARK_COMPACT, SCAVENGE, ''].join('\n'));
    expect(tally.now()).toEqual({
      scavenges: 2,
      allocated: 2 * 14296624,
      survived: 2 * 1464376,
      promoted: 2 * 1480160,
      grown: 0, // a mark-compact between: no pair of scavenges to compare
    });
  });

  it('counts a line cut across chunks once it is whole, and nothing of an unfinished one', () => {
    const tally = new ScavengeNvpTally();
    const text = `${LOG}\n${SCAVENGE}\n${MARK_COMPACT}\n${SCAVENGE.slice(0, 200)}`;
    for (let at = 0; at < text.length; at += 7) tally.feed(text.slice(at, at + 7));
    expect(tally.now()).toEqual({
      scavenges: 1,
      allocated: 14296624,
      survived: 1464376,
      promoted: 1480160,
      grown: 0,
    });
  });

  it('gives what a window added', () => {
    const tally = new ScavengeNvpTally();
    tally.feed(`${SCAVENGE}\n`);
    const before = tally.now();
    tally.feed(`${SCAVENGE}\n${SCAVENGE}\n`);
    expect(scavengesBetween(before, tally.now())).toEqual({
      scavenges: 2,
      allocated: 2 * 14296624,
      survived: 2 * 1464376,
      promoted: 2 * 1480160,
      grown: 0, // the same heap size after each
    });
  });

  it('adds how much the heap grew from one scavenge to the next, not across another collection', () => {
    const after = (line: string, bytes: number) =>
      line.replace(/total_size_after=\d+/, `total_size_after=${bytes}`);
    const tally = new ScavengeNvpTally();
    tally.feed(
      [
        after(SCAVENGE, 300_000_000),
        after(SCAVENGE, 302_000_000), // +2,000,000
        after(SCAVENGE, 302_500_000), // +500,000
        after(MARK_COMPACT, 200_000_000),
        after(SCAVENGE, 201_000_000), // after a mark-compact: not a pair
        after(SCAVENGE, 201_300_000), // +300,000
        '',
      ].join('\n'),
    );
    expect(tally.now().grown).toBe(2_800_000);
  });
});
