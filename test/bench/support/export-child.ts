/**
 * Runs one `vouch audit export` in this process and prints its peak RSS, so the
 * compliance benchmark measures the export alone (a fresh process, nothing else loaded).
 *   node -r @swc-node/register test/bench/support/export-child.ts <vouch args…>
 */
import 'reflect-metadata';
import { runCli } from '../../../apps/cli/src/cli';
import { processIo } from '../../../apps/cli/src/cli-io';

// What the process holds before the export starts (the runtime and the code loaded).
const baselineRssMb = process.memoryUsage().rss / 1024 / 1024;
const started = performance.now();
void runCli(process.argv.slice(2), { ...processIo(), interactive: false }).then((code) => {
  const seconds = (performance.now() - started) / 1000;
  // maxRSS is in kilobytes.
  process.stdout.write(
    `${JSON.stringify({ code, seconds, baselineRssMb, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`,
  );
  process.exit(code);
});
