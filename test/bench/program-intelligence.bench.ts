/**
 * Program intelligence benchmark (issue 19; a script, not a test): latency of the health
 * assessment and of a launch coverage plan over a program of 10k and of 100k advocates, in
 * the same run, as ratios against a raw baseline over the same history: one pass that reads
 * every fact the answers read (every advocate's lifecycle, consents and uses, every request's
 * steps) and counts them, with no logic. Also the content usage report and the digest.
 *
 *   npm run bench:intelligence -- [--sizes 10000,100000] [--rounds 5]
 *
 * The history is built from events shaped as the domain records them (the builders of the
 * projections' given-events specs): per advocate an enrolment, activation, a consent and
 * 0–3 uses; one account per ten advocates with a health score; a request per two advocates
 * run to an outcome; a content asset per fifty advocates; 24 coverage targets; 20 wishes.
 */
import { performance } from 'node:perf_hooks';
import {
  assessProgram,
  contentUsage,
  executiveDigest,
  launchCoveragePlan,
  ProgramHistory,
  type Launch,
} from '../../packages/projections/src';
import {
  accepted,
  account,
  asked,
  completed,
  consent,
  coverageTarget,
  drafted,
  enrolled,
  feedback,
  health,
  nominated,
  nominationApproved,
  outcome,
  published,
  submitted,
  triaged,
  used,
  wishlisted,
} from '../../packages/projections/test/support/given-events';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SIZES = (args.get('sizes') ?? '10000,100000').split(',').map(Number);
const ROUNDS = Number(args.get('rounds') ?? 5);

const REGIONS = ['EMEA', 'NA', 'APAC', 'LATAM'];
const SEGMENTS = ['ENTERPRISE', 'MID_MARKET', 'SMB'];
const INDUSTRIES = ['Manufacturing', 'Retail', 'Healthcare', 'Finance', 'Logistics', 'Energy'];
const PRODUCTS = ['Planner', 'Tracker', 'Insights', 'Connect'];
const KINDS = ['REFERENCE_CALL', 'CASE_STUDY', 'QUOTE', 'SITE_VISIT'];
const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const dayOf = (i: number) => {
  const d = new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString();
  return d.slice(5, 10);
};

function buildHistory(advocates: number): { history: ProgramHistory; events: number } {
  const history = new ProgramHistory();
  let events = 0;
  const apply = (list: ReturnType<typeof account>[]) => {
    for (const e of list) history.apply(e);
    events += list.length;
  };
  for (let t = 0; t < 24; t++)
    apply([coverageTarget(pick(INDUSTRIES, t), pick(REGIONS, t), pick(PRODUCTS, t), 5 + (t % 5), '01-01')]);
  for (let w = 0; w < 20; w++)
    apply([wishlisted(`w${w}`, `Wish ${w}`, '01-01', { region: pick(REGIONS, w) })]);
  for (let i = 0; i < advocates; i++) {
    const a = `adv-${i}`;
    const acct = `acct-${Math.floor(i / 10)}`;
    const day = dayOf(i);
    if (i % 10 === 0) {
      const n = Math.floor(i / 10);
      apply([
        account(acct, '01-01', {
          industry: pick(INDUSTRIES, n),
          region: pick(REGIONS, n),
          segment: pick(SEGMENTS, n),
          products: [pick(PRODUCTS, n), pick(PRODUCTS, n + 1)],
        }),
        health(acct, 40 + (n % 60), '01-02'),
      ]);
    }
    apply([
      nominated(`n${i}`, acct, `owner-${i % 40}`, day),
      nominationApproved(`n${i}`, acct, day),
      ...enrolled(a, acct, day, `n${i}`, [pick(PRODUCTS, i)]),
      consent(a, `c${i}`, [pick(KINDS, i), 'REFERENCE_CALL'], day, '12-31'),
    ]);
    for (let u = 0; u < i % 4; u++)
      apply([used(a, pick(KINDS, i + u), dayOf(i + 30 * (u + 1)), undefined, u)]);
    if (i % 2 === 0) {
      const r = `r${i}`;
      const d = dayOf(i + 5);
      apply([
        submitted(r, d, {
          kind: pick(KINDS, i),
          department: i % 6 === 0 ? 'MARKETING' : 'SALES',
          requestedBy: `rep-${i % 97}`,
          region: pick(REGIONS, i),
          industry: pick(INDUSTRIES, i),
          products: [pick(PRODUCTS, i)],
          opportunityId: `o${Math.floor(i / 3)}`,
        }),
        triaged(r, d),
        asked(r, a, d),
        accepted(r, a, d),
        completed(r, a, d),
        feedback(r, a, d),
        outcome(r, i % 3 === 0 ? 'LOST' : 'WON', d, 10_000),
      ]);
    }
    if (i % 50 === 0) {
      apply([
        drafted(`cs${i}`, pick(['CASE_STUDY', 'QUOTE'], i), acct, [{ holder: 'ADVOCATE', holderId: a }], day),
        published(`cs${i}`, [{ holder: 'ADVOCATE', holderId: a, consentId: `c${i}` }], day),
      ]);
    }
  }
  return { history, events };
}

/** The raw baseline: read every fact the answers read, once, and count it. */
function rawScan(history: ProgramHistory): number {
  let n = 0;
  for (const a of history.advocates.values())
    n += a.lifecycle.length + a.consents.length + a.uses.length + a.verified.length;
  for (const r of history.requests.values())
    n += r.asked.length + r.accepted.length + r.completed.length + r.feedback.length;
  for (const c of history.contents.values()) n += c.states.length;
  for (const x of history.nominations.values()) n += x.decision ? 1 : 0;
  return n;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown): number[] {
  fn(); // warm-up: compiled code, not the first interpretation, is timed
  const out: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = performance.now();
    fn();
    out.push(performance.now() - t);
  }
  return out;
}

const at = Date.parse('2026-11-01T00:00:00.000Z');
const launch: Launch = {
  name: 'bench launch',
  products: ['Planner', 'Tracker'],
  launchDate: at + 60 * 86_400_000,
  cells: [
    { segment: 'ENTERPRISE', region: 'EMEA', expectedOpportunities: 40 },
    { segment: 'MID_MARKET', region: 'NA', expectedOpportunities: 60 },
    { segment: 'SMB', region: 'APAC', expectedOpportunities: 20 },
  ],
};

const rows: string[] = [];
const results = new Map<number, Record<string, number>>();
for (const size of SIZES) {
  const started = performance.now();
  const { history, events } = buildHistory(size);
  const built = performance.now() - started;
  const raw = median(time(() => rawScan(history)));
  const medians = {
    raw,
    assessment: median(time(() => assessProgram(history, at))),
    launchPlan: median(time(() => launchCoveragePlan(history, launch, at))),
    contentUsage: median(time(() => contentUsage(history, at))),
    digest: median(time(() => executiveDigest(history, at - 91 * 86_400_000, at))),
  };
  results.set(size, medians);
  console.error(`${size} advocates: ${events} events folded in ${(built / 1000).toFixed(1)} s`);
  for (const [name, ms] of Object.entries(medians)) {
    rows.push(`| ${size.toLocaleString('en-US')} | ${name} | ${ms.toFixed(1)} | ${(ms / raw).toFixed(1)} |`);
  }
}
console.log('| advocates | answer | median ms | × raw scan |');
console.log('| --: | --- | --: | --: |');
for (const row of rows) console.log(row);
if (SIZES.length === 2) {
  const [small, large] = SIZES.map((s) => results.get(s)!);
  console.log(`\n${SIZES[1]} / ${SIZES[0]} advocates, latency ratio:`);
  for (const name of Object.keys(small!))
    console.log(`  ${name}: ${(large![name]! / small![name]!).toFixed(1)} ×`);
}
