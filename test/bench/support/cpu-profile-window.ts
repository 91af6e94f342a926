/**
 * Sums a `node --cpu-prof` profile's self time per function over a window of it (seconds from the profile's start),
 * and the inclusive time of the functions named with `--inclusive`: where a served process spent a measuring window.
 * `--timeline` prints the busy milliseconds per second first, to find the window (e.g. after the catch-up).
 *
 *   node -r @swc-node/register test/bench/support/cpu-profile-window.ts <file.cpuprofile> [--from S] [--to S]
 *     [--top N] [--inclusive fnA,fnB] [--timeline 1] [--stacks fn] [--by samples [--interval-us 1000]] [--under fn]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
  };
  readonly children?: number[];
}
interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
}

const file = process.argv[2]!;
const options = new Map<string, string>();
for (let i = 3; i < process.argv.length; i += 2)
  options.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const from = Number(options.get('from') ?? 0) * 1e6;
const to = Number(options.get('to') ?? Infinity) * 1e6;
const top = Number(options.get('top') ?? 40);
// `--stacks fn`: the heaviest stacks (callers, up to 12 frames) of the samples whose own function is `fn`.
const stacksOf = options.get('stacks');
const stacks = new Map<string, number>();
// `--under fn`: only the samples with `fn` on their stack (the self times below it).
const under = options.get('under');
const underAny = (id: number): boolean => {
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
    if (byId.get(at)!.callFrame.functionName === under) return true;
  return false;
};
const BY_SAMPLES = options.get('by') === 'samples';
const INTERVAL_MS = Number(options.get('interval-us') ?? 1000) / 1000;
const inclusiveNames = (options.get('inclusive') ?? '').split(',').filter(Boolean);

const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const IDLE = new Set(options.get('program') === '1' ? ['(idle)'] : ['(idle)', '(program)']);

const label = (node: ProfileNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.replace(/^.*\/(node_modules|packages|apps)\//, '$1/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

let at = 0;
let busy = 0;
const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const perSecond = new Map<number, number>();
// Per second: the inclusive ms of each `--inclusive` name (for the timeline).
const perSecondOf = new Map<number, Map<string, number>>();
for (let i = 0; i < profile.samples.length; i++) {
  at += profile.timeDeltas[i]!;
  // A sample's weight: the wall time to the next one, or (`--by samples`) the sampling interval: on a loaded machine
  // the time a descheduled process waits is wall time charged to whatever ran last; the count of samples is not.
  const ms = BY_SAMPLES ? INTERVAL_MS : (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const node = byId.get(profile.samples[i]!)!;
  if (IDLE.has(node.callFrame.functionName)) continue;
  const second = Math.floor(at / 1e6);
  perSecond.set(second, (perSecond.get(second) ?? 0) + ms);
  const seen = new Set<string>();
  for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
    const name = byId.get(id)!.callFrame.functionName;
    if (inclusiveNames.includes(name)) seen.add(name);
  }
  const ofSecond = perSecondOf.get(second) ?? new Map<string, number>();
  perSecondOf.set(second, ofSecond);
  for (const name of seen) ofSecond.set(name, (ofSecond.get(name) ?? 0) + ms);
  if (at < from || at > to) continue;
  if (under !== undefined && !underAny(node.id)) continue;
  busy += ms;
  self.set(label(node), (self.get(label(node)) ?? 0) + ms);
  for (const name of seen) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  if (stacksOf !== undefined && node.callFrame.functionName === stacksOf) {
    const frames: string[] = [];
    for (let id = parent.get(node.id); id !== undefined && frames.length < 12; id = parent.get(id))
      frames.push(label(byId.get(id)!));
    const key = frames.join('\n    ← ');
    stacks.set(key, (stacks.get(key) ?? 0) + ms);
  }
}

if (options.get('timeline')) {
  for (const [second, ms] of [...perSecond].sort((a, b) => a[0] - b[0])) {
    const named = [...(perSecondOf.get(second) ?? [])]
      .map(([name, t]) => `${name} ${t.toFixed(0)}`)
      .join(', ');
    console.log(`s ${second}: ${ms.toFixed(0)} ms busy${named ? ` (${named})` : ''}`);
  }
}
const pct = (ms: number) => `${((100 * ms) / busy).toFixed(1)} %`;
console.log(`window ${from / 1e6}–${to / 1e6} s: ${busy.toFixed(0)} ms busy (idle excluded)`);
for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${ms.toFixed(1).padStart(9)} ms ${pct(ms).padStart(7)}  ${name}`);
for (const [key, ms] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 5))
  console.log(`${stacksOf} ${ms.toFixed(1)} ms\n    ← ${key}`);
for (const name of inclusiveNames)
  console.log(
    `inclusive ${name}: ${(inclusive.get(name) ?? 0).toFixed(1)} ms ${pct(inclusive.get(name) ?? 0)}`,
  );
