/**
 * Sums a `node --cpu-prof` profile of `bench:projections` by phase of the rebuild: every sample after the
 * last raw-read sample goes to the first phase found on its stack (GC on its own), then the top self times.
 *
 *   node -r @swc-node/register test/bench/support/cpu-profile-phases.ts <file.cpuprofile> [top]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

// Checked in this order: a sample belongs to the first phase whose function is on its stack.
const PHASES: [string, string][] = [
  ['seal (sealMany)', 'sealMany'],
  ['index at end (caughtUp)', 'caughtUp'],
  ['fold (runner handler)', 'handler'],
  ['save (snapshot, JSON, SQLite)', 'save'],
  ['read (scan and decode)', 'answer'],
  ['read (scan and decode)', 'decodeOne'],
  ['read (scan and decode)', 'lookupMany'],
  // A catch-up's own pages (readAll's column path), resumed after its awaits.
  ['read (scan and decode)', 'readAll'],
  ['read (scan and decode)', 'readLogColumns'],
  ['read (scan and decode)', 'decodeColumns'],
  ['read (scan and decode)', 'columnsOfReadRow'],
  ['read (scan and decode)', 'logRows'],
  ["the bench dropping the last round's tables (not timed)", 'exec'],
];

const profile = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Profile;
const top = Number(process.argv[3] ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

function stackOf(id: number): string[] {
  const names: string[] = [];
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
    names.push(byId.get(at)!.callFrame.functionName);
  return names;
}

const stacks = profile.samples.map(stackOf);
let lastRaw = -1;
stacks.forEach((names, i) => {
  if (names.includes('rawRead')) lastRaw = i;
});
const phases = new Map<string, number>();
const self = new Map<string, number>();
let total = 0;
for (let i = lastRaw + 1; i < stacks.length; i++) {
  const ms = profile.timeDeltas[i]! / 1000;
  const names = stacks[i]!;
  const phase =
    names[0] === '(garbage collector)'
      ? 'GC'
      : (PHASES.find(([, fn]) => names.includes(fn))?.[0] ?? `other (${names[0]})`);
  phases.set(phase, (phases.get(phase) ?? 0) + ms);
  const frame = byId.get(profile.samples[i]!)!.callFrame;
  const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').slice(-2).join('/')}:${frame.lineNumber}`;
  self.set(key, (self.get(key) ?? 0) + ms);
  total += ms;
}
const print = (entries: Map<string, number>, limit: number) =>
  [...entries]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .forEach(([k, ms]) =>
      console.log(`${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %  ${k}`),
    );
console.log(`rebuild window: ${total.toFixed(0)} ms of samples`);
print(phases, 12);
console.log('self time:');
print(self, top);
