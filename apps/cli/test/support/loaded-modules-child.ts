/**
 * Runs one `vouch` command in this process and prints, as JSON on the last stdout line, every
 * module file it loaded: the cold-start test checks what a command pulls in.
 *   node -r @swc-node/register apps/cli/test/support/loaded-modules-child.ts <vouch args…>
 */
import 'reflect-metadata';
import { runCli } from '../../src/cli';
import { processIo } from '../../src/cli-io';

void runCli(process.argv.slice(2), { ...processIo(), interactive: false }).then((code) => {
  process.stdout.write(`\n${JSON.stringify({ code, modules: Object.keys(require.cache) })}\n`);
});
