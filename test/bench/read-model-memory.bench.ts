/**
 * Read-model memory benchmark (a script, not a test): the heap the read models of one
 * tenant hold, per advocate, measured after full GCs (the heap with the models minus the
 * heap without them, two rounds), and the parts of it: the advocate directory (advocates
 * and accounts, folded by the domain) and the search index over it. The program is the
 * projections benchmark's (`program-history.ts`: accounts of ten advocates, each nominated,
 * enrolled and consented, and one request run to a rating per 20 advocates), folded in memory.
 *
 *   npm run bench:memory -- [--sizes 10000,100000]
 */
import { loadavg } from 'node:os';
import { eventDefinition } from '@vouch/domain';
import { AdvocateDirectory, AdvocateSearchIndex, TenantReadModels } from '@vouch/projections';
import { programHistory } from '../../packages/projections/test/support/program-history';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1]!);
const SIZES = (args.get('sizes') ?? '10000,100000').split(',').map(Number);

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:memory does)');
const heap = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
};
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

function measure(size: number): string {
  const log = programHistory({ advocates: size, requests: size / 20 }).log;
  // Held in an object so each round can drop what it built before measuring again.
  const held: { models?: TenantReadModels; directory?: AdvocateDirectory; index?: AdvocateSearchIndex } = {};
  const rounds: { models: number; directory: number; index: number; rss: number }[] = [];
  for (let round = 0; round < 2; round++) {
    let before = heap();
    held.models = new TenantReadModels();
    for (const event of log) held.models.apply(event);
    const models = heap() - before;
    const rss = process.memoryUsage().rss;
    delete held.models;
    before = heap();
    held.directory = new AdvocateDirectory();
    for (const event of log) {
      const aggregate = eventDefinition(event.type)?.aggregate;
      if (aggregate === 'Advocate') held.directory.applyAdvocate(event);
      else if (aggregate === 'Account') held.directory.applyAccount(event);
    }
    const directory = heap() - before;
    held.index = new AdvocateSearchIndex(held.directory);
    held.index.rebuild();
    const index = heap() - before - directory;
    delete held.directory;
    delete held.index;
    rounds.push({ models, directory, index, rss });
  }
  const last = rounds.at(-1)!;
  const per = (bytes: number) => `${Math.round(bytes / size).toLocaleString('en')} B (${mb(bytes)})`;
  return `| ${size.toLocaleString('en')} | ${log.length.toLocaleString('en')} | ${per(last.models)} | ${per(last.directory)} | ${per(last.index)} | ${mb(last.rss)} | ${loadavg()[0]!.toFixed(1)} |`;
}

function main(): void {
  const rows = SIZES.map((size) => {
    const row = measure(size);
    process.stderr.write(`${row}\n`);
    return row;
  });
  console.log(
    '| advocates | events | all read models, per advocate (total) | directory | search index | process RSS with the models and the log | load |',
  );
  console.log('| --: | --: | --: | --: | --: | --: | --: |');
  for (const row of rows) console.log(row);
}

main();
