/**
 * Object-spread shapes on this Node (a script, not a test): nanoseconds per object built, the minimum
 * of several rounds, against the raw baseline of the same run — the same object written out member
 * by member. On Node 20 (V8 11.3) a spread that adds a member its source lacks takes a slow path and,
 * once optimized, gives every object a hidden class of its own (`%HaveSameMap` under
 * `--allow-natives-syntax` shows it); a spread that only overrides stays fast and shares one.
 *
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/spread-shapes.bench.ts [ops] [rounds]
 */
const OPS = Number(process.argv[2] ?? 1_000_000);
const ROUNDS = Number(process.argv[3] ?? 5);

interface State {
  readonly a: number;
  readonly b: string;
  readonly c: boolean;
  readonly d: null;
  readonly e: number[];
  readonly f: object;
  readonly g: number;
  readonly h?: number;
}
const partial = (): State => ({ a: 1, b: 'x', c: true, d: null, e: [1], f: {}, g: 7 });
const complete = (): State => ({ a: 1, b: 'x', c: true, d: null, e: [1], f: {}, g: 7, h: undefined });
const recordOf = (n: number) => (): Record<string, number> =>
  Object.fromEntries(Array.from({ length: n }, (_, k) => [`engagement-${k}`, k]));

let sink: unknown;
function nanosPerOp<S>(make: () => S, op: (source: S, i: number) => unknown): number {
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const source = make();
    const started = process.hrtime.bigint();
    for (let i = 0; i < OPS; i++) sink = op(source, i);
    best = Math.min(best, Number(process.hrtime.bigint() - started) / OPS);
  }
  return best;
}

const addH = (s: State, i: number): State => ({ ...s, h: i });
const overrideH = (s: State, i: number): State => ({ ...s, h: i });

const written = nanosPerOp(partial, (s, i) => ({
  a: s.a,
  b: s.b,
  c: s.c,
  d: s.d,
  e: s.e,
  f: s.f,
  g: s.g,
  h: i,
}));
const rows: [string, number][] = [
  ['`{ ...s, g }`: overrides a member s has', nanosPerOp(partial, (s, i) => ({ ...s, g: i }))],
  ['`{ ...s, h }`: adds a member s lacks', nanosPerOp(partial, addH)],
  ['`{ ...s, h }`: s names h (undefined)', nanosPerOp(complete, overrideH)],
  [
    '`{ ...{ ...s, h }, g }`: an override of an added one',
    nanosPerOp(partial, (s, i) => ({ ...{ ...s, h: i }, g: i })),
  ],
  [
    '`{ ...s, ...change }`: the change has members s has',
    nanosPerOp(complete, (s, i) => ({ ...s, ...{ g: i, h: i } })),
  ],
  [
    '`{ ...record, [newId]: v }`, 5 ids',
    nanosPerOp(recordOf(5), (r, i) => ({ ...r, [`engagement-new-${i & 7}`]: i })),
  ],
  [
    '`{ ...record, [oldId]: v }`, 5 ids',
    nanosPerOp(recordOf(5), (r, i) => ({ ...r, [`engagement-${i % 5}`]: i })),
  ],
  ['`{ ...record }`, 5 ids', nanosPerOp(recordOf(5), (r) => ({ ...r }))],
];

console.log(`Node ${process.version}, min of ${ROUNDS} rounds × ${OPS.toLocaleString('en')}`);
console.log('| shape | ns per op | × written out |');
console.log('| --- | --: | --: |');
console.log(`| the 8 members written out (baseline) | ${written.toFixed(1)} | 1.00 |`);
for (const [shape, ns] of rows) console.log(`| ${shape} | ${ns.toFixed(1)} | ${(ns / written).toFixed(2)} |`);
if (sink === Symbol.for('never')) console.log('');
