/**
 * What the read models' shape check (`assertSavedSnapshotShape`, run before a saved snapshot
 * is opened) costs beside the `JSON.parse` a load already pays, on a synthetic snapshot of the
 * layout at `--advocates` advocates (default 100,000), in CPU ms, same process, load printed:
 *
 *   node --expose-gc -r @swc-node/register test/bench/saved-snapshot-shape.bench.ts [--advocates 100000] [--rounds 5]
 */
import { loadavg } from 'node:os';
import { assertSavedSnapshotShape } from '../../packages/projections/src/saved-snapshot-shape';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i]!, process.argv[i + 1]!);
const advocates = Number(args.get('--advocates') ?? 100_000);
const rounds = Number(args.get('--rounds') ?? 5);

const sealed = (id: string) => ({
  subjectId: id,
  iv: 'i'.repeat(16),
  tag: 't'.repeat(24),
  ciphertext: 'c'.repeat(200),
});
const snapshot = {
  directory: {
    advocates: Array.from({ length: advocates }, (_, i) => [
      `adv-${i}`,
      {
        accountId: `acc-${i % 2000}`,
        status: 'ACTIVE',
        contact: sealed(`adv-${i}`),
        kinds: ['REFERENCE_CALL'],
      },
    ]),
    accounts: Array.from({ length: 2000 }, (_, i) => [`acc-${i}`, { name: `Account ${i}` }]),
    program: {},
    requesters: [],
    accepted: [],
  },
  requests: Array.from({ length: advocates / 3 }, (_, i) => [`req-${i}`, { state: { status: 'OPEN' } }]),
  nominations: [],
  contents: [],
  audit: {
    count: 5 * advocates,
    actors: [],
    timelines: Array.from({ length: advocates }, (_, i) => [`advocate:adv-${i}`, [1, 2, 3]]),
  },
  history: Object.fromEntries(
    [
      'advocates',
      'accounts',
      'requests',
      'contents',
      'nominations',
      'fatiguePolicy',
      'freshnessPolicy',
      'slaPolicy',
      'nominationPolicy',
      'coverageTargets',
      'wishlist',
    ].map((member) => [member, []]),
  ),
};
const text = JSON.stringify(snapshot);
const gc = (global as { gc?: () => void }).gc;

function cpuMs(work: () => void): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

for (let round = 1; round <= rounds; round++) {
  let parsed: unknown;
  gc?.();
  const parse = cpuMs(() => (parsed = JSON.parse(text)));
  gc?.(); // the parse's garbage is not the check's
  const check = cpuMs(() => assertSavedSnapshotShape(parsed));
  console.log(
    `round ${round} (load ${loadavg()[0]!.toFixed(1)}): JSON.parse ${parse.toFixed(1)} ms CPU of ${(text.length / 1e6).toFixed(1)} M chars; shape check ${check.toFixed(2)} ms CPU = ${((100 * check) / parse).toFixed(2)} % of the parse`,
  );
}
