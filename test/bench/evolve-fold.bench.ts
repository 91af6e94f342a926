/**
 * Folds of the demo seed's streams through the deciders' `evolve` (a script, not a test): every stream
 * from its initial state, many rounds, the minimum CPU nanoseconds per event by aggregate, against the
 * walk alone over the same events in the same run (the loops without `evolve`). The events are the
 * lines `bench:seed` writes with `SEED_DIGEST_DUMP` ([stream, version, type, data] per line):
 *
 *   SEED_DIGEST_DUMP=/tmp/seed.jsonl npm run bench:seed -- --scales 0.25 --stores sqlite --baseline off --digest on
 *   SWC_NODE_PROJECT=tsconfig.typecheck.json node -r @swc-node/register test/bench/evolve-fold.bench.ts /tmp/seed.jsonl [rounds]
 */
import { readFileSync } from 'node:fs';
import { DECIDERS } from '@vouch/domain';

interface Folded {
  readonly type: string;
  readonly data: unknown;
}
interface AnyFold {
  readonly initialState: unknown;
  evolve(state: unknown, event: Folded): unknown;
}

const [file, roundsText] = process.argv.slice(2);
if (!file) throw new Error('usage: evolve-fold.bench.ts <SEED_DIGEST_DUMP file> [rounds]');
const ROUNDS = Number(roundsText ?? 40);
// Stream ids begin with the aggregate's prefix (`advocate-…`, `request-…`).
const AGGREGATES: Record<string, keyof typeof DECIDERS> = {
  account: 'Account',
  advocate: 'Advocate',
  content: 'ContentAsset',
  nomination: 'Nomination',
  program: 'Program',
  request: 'ReferenceRequest',
};

const streams = new Map<string, Folded[]>();
for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line) continue;
  const [streamId, , type, data] = JSON.parse(line) as [string, number, string, unknown];
  const events = streams.get(streamId) ?? [];
  events.push({ type, data });
  streams.set(streamId, events);
}
const byAggregate = new Map<keyof typeof DECIDERS, Folded[][]>();
for (const [streamId, events] of streams) {
  const aggregate = AGGREGATES[streamId.split('-')[0]!];
  if (!aggregate) throw new Error(`no aggregate for stream ${streamId}`);
  byAggregate.set(aggregate, [...(byAggregate.get(aggregate) ?? []), events]);
}

let sink: unknown;
/** The minimum CPU nanoseconds per event of folding every stream with `evolve`. */
function nanosPerEvent(
  lists: Folded[][],
  initial: unknown,
  evolve: (state: unknown, event: Folded) => unknown,
) {
  const events = lists.reduce((sum, list) => sum + list.length, 0);
  let best = Infinity;
  for (let round = 0; round < ROUNDS; round++) {
    const before = process.cpuUsage();
    for (const list of lists) {
      let state = initial;
      for (const event of list) state = evolve(state, event);
      sink = state;
    }
    const used = process.cpuUsage(before);
    best = Math.min(best, ((used.user + used.system) * 1000) / events);
  }
  return { events, best };
}

console.log(`Node ${process.version}, min of ${ROUNDS} rounds, CPU ns per event`);
console.log('| aggregate | events | evolve | the walk alone |');
console.log('| --- | --: | --: | --: |');
for (const [aggregate, lists] of byAggregate) {
  const decider = DECIDERS[aggregate] as unknown as AnyFold;
  const folded = nanosPerEvent(lists, decider.initialState, (state, event) => decider.evolve(state, event));
  const walk = nanosPerEvent(lists, undefined, (_state, event) => event);
  console.log(`| ${aggregate} | ${folded.events} | ${folded.best.toFixed(0)} | ${walk.best.toFixed(0)} |`);
}
if (sink === Symbol.for('never')) console.log('');
