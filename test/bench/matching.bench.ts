/**
 * Matching benchmark (a script, not a test): the latency of `matchCriteria` through the
 * inverted indexes (as the read models answer it, the pool order kept between calls; and
 * cold, without it) against the brute-force scan it replaced (every live advocate scored
 * for its optimistic bound, sorted, gates best first) on the same read models, in the same
 * process and run, interleaved query by query, at each size. The program is generated
 * through the domain's deciders (`program-history.ts`: accounts of ten advocates, requests
 * run to a rating), folded in memory. Issue 16: the same queries are also run with the
 * scoring from before it (`scoring: 'RATINGS_ONLY'`: requester ratings alone, no busy
 * marker), interleaved, so the cost of the busy marker and two-sided feedback is a ratio
 * measured in the same run.
 *
 * Issue 15 (match15): each request is also timed alone, the kept order first (calls on a
 * warm order, round-robin over the requests, after a full GC when `--expose-gc` is on) and then cold, in CPU time
 * (`process.cpuUsage`) as well as wall time, so the cost at each size is given per request and
 * the garbage of the scan and the cold builds does not land in the kept-order figures.
 *
 *   npm run bench:matching -- [--sizes 10000,100000] [--queries 200] [--alone 30]
 */
import { cpus, loadavg } from 'node:os';
import type { Instant } from '@vouch/domain';
import { TenantReadModels, matchCandidates, type MatchTarget } from '@vouch/projections';
import { programHistory } from '../../packages/projections/test/support/program-history';
import { matchCandidatesByScan } from '../../packages/projections/test/support/match-by-scan';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SIZES = (args.get('sizes') ?? '10000,100000').split(',').map(Number);
const QUERIES = Number(args.get('queries') ?? 200);
const ALONE = Number(args.get('alone') ?? 30);
const NOW: Instant = '2027-06-01T09:00:00.000Z';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
const log = (line: string) => process.stderr.write(`${line}\n`);

// The requests asked: the API bench's (opportunity only), and narrower and broader criteria.
const targets: MatchTarget[] = [
  {
    kind: 'REFERENCE_CALL',
    opportunity: { industry: 'Manufacturing', region: 'EMEA', products: ['Planner'] },
    criteria: {
      industries: [],
      regions: [],
      products: [],
      useCases: [],
      languages: [],
      territory: 'EMEA',
      channel: 'PRIVATE',
    },
  },
  {
    kind: 'REFERENCE_CALL',
    opportunity: { industry: 'Retail', region: 'EMEA', products: ['Planner'] },
    criteria: {
      industries: [],
      regions: ['EMEA'],
      products: ['Planner'],
      useCases: [],
      languages: ['en'],
      territory: 'EMEA',
      channel: 'PRIVATE',
    },
  },
  {
    kind: 'CASE_STUDY',
    opportunity: { industry: 'Finance', region: 'APAC', products: ['Insights', 'Connect'] },
    criteria: {
      industries: ['Finance', 'Energy'],
      regions: [],
      products: [],
      useCases: ['forecasting'],
      languages: ['de'],
      minSeniority: 'VP',
      territory: 'EMEA',
      channel: 'WEB',
    },
  },
];

function measure(models: TenantReadModels): {
  indexed: number[];
  cold: number[];
  scanned: number[];
  before: number[];
  beforeCold: number[];
} {
  const indexed: number[] = [];
  const cold: number[] = [];
  const scanned: number[] = [];
  const before: number[] = [];
  const beforeCold: number[] = [];
  for (let i = 0; i < QUERIES; i++) {
    const target = targets[i % targets.length]!;
    const old: MatchTarget = { ...target, scoring: 'RATINGS_ONLY' };
    // The old scoring runs before the new one on even queries and after it on odd ones, so
    // neither gains from going second.
    const oldScoring = () => {
      const t0 = performance.now();
      const o = models.matchCriteria(old, NOW, 20);
      before.push(performance.now() - t0);
      const t1 = performance.now();
      const oc = matchCandidates(models.directory, models.searchIndex, old, NOW, 20);
      beforeCold.push(performance.now() - t1);
      if (JSON.stringify(o) !== JSON.stringify(oc))
        throw new Error(`old-scoring rankings differ for target ${i % targets.length}`);
    };
    if (i % 2 === 0) oldScoring();
    let t = performance.now();
    const a = models.matchCriteria(target, NOW, 20);
    indexed.push(performance.now() - t);
    t = performance.now();
    // Without the kept order of the request's pool: what the first match after an event costs.
    const c = matchCandidates(models.directory, models.searchIndex, target, NOW, 20);
    cold.push(performance.now() - t);
    t = performance.now();
    const b = matchCandidatesByScan(models.directory, models.searchIndex, target, NOW, 20);
    scanned.push(performance.now() - t);
    if (JSON.stringify(a) !== JSON.stringify(b) || JSON.stringify(c) !== JSON.stringify(b))
      throw new Error(`rankings differ for target ${i % targets.length}`);
    if (i % 2 === 1) oldScoring();
  }
  return { indexed, cold, scanned, before, beforeCold };
}

// CPU milliseconds (all threads of the process) and wall milliseconds of one call.
function timed(run: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  run();
  const wall = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall };
}

// Each request alone: its kept order first (warm), then cold; medians of CPU and wall time.
function measureAlone(models: TenantReadModels): {
  kept: number[];
  keptWall: number[];
  cold: number[];
  held: number;
} {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  for (const target of targets) models.matchCriteria(target, NOW, 20);
  gc?.();
  // What the kept orders of the three requests (every tier a match needed) and the advocates'
  // filed values hold, after a full collection.
  const held = gc ? process.memoryUsage().heapUsed - heapBefore : NaN;
  const kept: number[] = [];
  const keptWall: number[] = [];
  const cold: number[] = [];
  // Round-robin over the requests, so a collection left over from the cold builds lands on
  // none of them in particular.
  const runs = targets.map(() => [] as { cpu: number; wall: number }[]);
  for (let round = 0; round < ALONE; round++)
    targets.forEach((target, i) => runs[i]!.push(timed(() => models.matchCriteria(target, NOW, 20))));
  for (const r of runs) {
    kept.push(median(r.map((x) => x.cpu)));
    keptWall.push(median(r.map((x) => x.wall)));
  }
  for (const target of targets) {
    const runs = Array.from({ length: Math.max(3, Math.ceil(ALONE / 6)) }, () =>
      timed(() => matchCandidates(models.directory, models.searchIndex, target, NOW, 20)),
    );
    cold.push(median(runs.map((r) => r.cpu)));
  }
  return { kept, keptWall, cold, held };
}

function main(): void {
  log(
    `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  const rows: string[] = [];
  const issue16: string[] = [];
  const medians: number[] = [];
  const alone: string[] = [];
  const held: string[] = [];
  let smallest: { kept: number[]; cold: number[] } | undefined;
  for (const size of SIZES) {
    const started = Date.now();
    const world = programHistory({ advocates: size, requests: size / 20 });
    const models = new TenantReadModels();
    for (const event of world.log) models.apply(event);
    log(`${size} advocates: ${world.log.length} events generated and folded in ${Date.now() - started} ms`);
    const each = measureAlone(models);
    smallest ??= each;
    targets.forEach((_, i) =>
      alone.push(
        `| ${size.toLocaleString('en')} | ${i} | ${each.kept[i]!.toFixed(3)} | ${each.keptWall[i]!.toFixed(3)} | ${(each.kept[i]! / smallest!.kept[i]!).toFixed(2)} × | ${each.cold[i]!.toFixed(1)} | ${(each.cold[i]! / smallest!.cold[i]!).toFixed(2)} × | ${loadavg()[0]!.toFixed(1)} |`,
      ),
    );
    for (const row of alone.slice(-targets.length)) log(row);
    held.push(
      `| ${size.toLocaleString('en')} | ${(each.held / 1e6).toFixed(1)} MB | ${(each.held / size).toFixed(0)} B |`,
    );
    log(held.at(-1)!);
    const { indexed, cold, scanned, before, beforeCold } = measure(models);
    issue16.push(
      `| ${size.toLocaleString('en')} | ${median(before).toFixed(3)} | ${median(indexed).toFixed(3)} | ${(median(indexed) / median(before)).toFixed(2)} × | ${median(beforeCold).toFixed(3)} | ${median(cold).toFixed(3)} | ${(median(cold) / median(beforeCold)).toFixed(2)} × |`,
    );
    log(issue16.at(-1)!);
    medians.push(median(indexed));
    rows.push(
      `| ${size.toLocaleString('en')} | ${median(indexed).toFixed(3)} (p95 ${p95(indexed).toFixed(3)}) | ${median(cold).toFixed(3)} (p95 ${p95(cold).toFixed(3)}) | ${median(scanned).toFixed(3)} (p95 ${p95(scanned).toFixed(3)}) | ${(median(scanned) / median(indexed)).toFixed(1)} × | ${(median(indexed) / medians[0]!).toFixed(2)} × |`,
    );
    log(rows.at(-1)!);
    log(
      `load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
  }
  console.log(
    '| advocates | index, pool order kept, ms (median) | index, cold, ms | brute-force scan ms | scan / index | index latency / smallest size |',
  );
  console.log('| --: | --: | --: | --: | --: | --: |');
  for (const row of rows) console.log(row);
  console.log('');
  console.log(
    '| advocates | before issue 16, kept order, ms | with busy marker + two-sided feedback, ms | after / before | before, cold, ms | after, cold, ms | after / before (cold) |',
  );
  console.log('| --: | --: | --: | --: | --: | --: | --: |');
  for (const row of issue16) console.log(row);
  console.log('');
  console.log(
    '| advocates | request | kept order, CPU ms (median) | kept order, wall ms | kept CPU / smallest size | cold, CPU ms | cold / smallest size | load |',
  );
  console.log('| --: | --: | --: | --: | --: | --: | --: | --: |');
  for (const row of alone) console.log(row);
  console.log('');
  console.log('| advocates | heap held by the kept orders and filed values | per advocate |');
  console.log('| --: | --: | --: |');
  for (const row of held) console.log(row);
}

main();
