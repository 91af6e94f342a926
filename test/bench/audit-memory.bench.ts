/**
 * Audit-history memory benchmark (a script, not a test): the heap an AuditHistory holds
 * per event after full GCs, folded from the projections benchmark's program
 * (`program-history.ts`). Runs unchanged on the base commit.
 *
 *   npm run bench:audit-memory -- [--sizes 10000,100000]
 */
import { loadavg } from 'node:os';
import { AuditHistory } from '@vouch/projections';
import { programHistory } from '../../packages/projections/test/support/program-history';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SIZES = (args.get('sizes') ?? '10000').split(',').map(Number);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:audit-memory does)');
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
// Held here so nothing measured is collected early (V8 frees locals past their last use).
const pinned: unknown[] = [];

for (const size of SIZES) {
  const log = programHistory({ advocates: size, requests: size / 20 }).log;
  pinned.push(log);
  const before = heap();
  const history = new AuditHistory();
  for (const event of log) history.apply(event);
  pinned.push(history);
  const held = heap() - before;
  console.log(
    `| ${size} advocates, ${log.length} events | ${(held / 2 ** 20).toFixed(1)} MB | ${Math.round(held / log.length)} B/event | load ${loadavg()[0]!.toFixed(1)} |`,
  );
  pinned.length = 0;
}
