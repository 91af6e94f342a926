/**
 * Sums a `node --cpu-prof` profile (a script, not a test): self time by package (the file's
 * workspace package or node_modules package; node internals, GC, idle and the program apart),
 * the top self times by function, and the inclusive time of the functions named on the command
 * line (a sample counts once per function however deep the recursion).
 *
 *   node -r @swc-node/register test/bench/support/cpu-profile-by-package.ts <file.cpuprofile> [top] [function,…]
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

/** The package a frame's file belongs to, or what kind of frame it is. */
function packageOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return '(GC)';
  if (functionName === '(idle)') return '(idle: waiting on I/O)';
  if (functionName === '(program)') return '(program: native, unattributed)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const workspace = /\/(packages|apps)\/([^/]+)\//.exec(url);
  if (workspace) return `@vouch/${workspace[2]}`;
  if (url.startsWith('node:') || url === '') return '(node internals)';
  if (url.includes('/test/bench/')) return '(bench script)';
  return url;
}

function main(): void {
  const [file, topText, namesText] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-by-package.ts <file.cpuprofile> [top] [function,…]');
  const top = Number(topText ?? 40);
  const names = (namesText ?? '').split(',').filter(Boolean);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + micros);
    total += micros;
  });

  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  const inclusive = new Map<string, number>(names.map((n) => [n, 0]));
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    const pkg = packageOf(node.callFrame);
    packages.set(pkg, (packages.get(pkg) ?? 0) + micros);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${node.callFrame.url.replace(/^.*\/(packages|apps|node_modules)\//, '$1/')}:${node.callFrame.lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
    if (names.length > 0) {
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const name = byId.get(at)!.callFrame.functionName;
        if (inclusive.has(name) && !seen.has(name)) {
          seen.add(name);
          inclusive.set(name, inclusive.get(name)! + micros);
        }
      }
    }
  }

  const busy = total - (packages.get('(idle: waiting on I/O)') ?? 0);
  const line = (label: string, micros: number) =>
    `${(micros / 1e6).toFixed(2).padStart(8)} s ${((micros / total) * 100).toFixed(1).padStart(5)} % of all ${((micros / busy) * 100).toFixed(1).padStart(5)} % of busy  ${label}`;
  console.log(
    `profile ${(total / 1e6).toFixed(1)} s, busy (not idle) ${(busy / 1e6).toFixed(1)} s\n\nself time by package:`,
  );
  for (const [pkg, micros] of [...packages].sort((a, b) => b[1] - a[1])) console.log(line(pkg, micros));
  console.log(`\ntop ${top} functions by self time:`);
  for (const [fn, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(line(fn, micros));
  if (names.length > 0) {
    console.log('\ninclusive time of the named functions:');
    for (const [name, micros] of [...inclusive].sort((a, b) => b[1] - a[1])) console.log(line(name, micros));
  }
}

main();
