import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { declaredNames } from './support/source-code';

const ROOT = join(__dirname, '..');

/** The rows of the README's "Where each rule lives" table: invariant number, then file → names. */
function ruleMap(): { invariant: number; places: { file: string; names: string[] }[] }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('## Where each rule lives')[1]?.split('\n## ')[0] ?? '';
  return section
    .split('\n')
    .filter((line) => /^\|\s*\d+\./.test(line))
    .map((line) => {
      const invariant = Number(/^\|\s*(\d+)\./.exec(line)?.[1]);
      const places: { file: string; names: string[] }[] = [];
      for (const [, token = ''] of line.matchAll(/`([^`]+)`/g)) {
        if (token.endsWith('.ts')) places.push({ file: token, names: [] });
        else places.at(-1)?.names.push(token);
      }
      return { invariant, places };
    });
}

// Issue 14: the README names where each invariant of DESIGN.md is held; this keeps it true.
describe("the README's rule map", () => {
  const rows = ruleMap();

  it('has one row for each of the twelve invariants, each naming at least one function', () => {
    expect(rows.map((r) => r.invariant)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const row of rows) expect(row.places.flatMap((p) => p.names).length).toBeGreaterThan(0);
  });

  it('names only files that exist and names declared in them', () => {
    const missing = rows.flatMap(({ invariant, places }) =>
      places.flatMap(({ file, names }) => {
        const path = join(ROOT, file);
        if (!existsSync(path)) return [`${invariant}: ${file} does not exist`];
        const declared = declaredNames(file, readFileSync(path, 'utf8'));
        return names.filter((n) => !declared.has(n)).map((n) => `${invariant}: ${file} declares no ${n}`);
      }),
    );
    expect(missing).toEqual([]);
  });

  it('the check sees a missing name', () => {
    const text = 'export function kept() {}\nconst alsoKept = 1;\nexport interface Shape {}';
    expect([...declaredNames('sample.ts', text)]).toEqual(['kept', 'alsoKept', 'Shape']);
  });
});
