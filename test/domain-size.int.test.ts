import { join } from 'node:path';
import { longFunctions, sizeBreaches } from './support/source-code';

const DOMAIN_SRC = join(__dirname, '..', 'packages', 'domain', 'src');

// Issue 14: every rule small enough to read at once. Checked with the TypeScript parser, so it stays true.
describe('the domain stays readable', () => {
  it('has no source file over 300 lines and no function over 80 lines', () => {
    expect(sizeBreaches(DOMAIN_SRC, 300, 80)).toEqual([]);
  });

  it('the check finds a long function, arrow or method wherever it is nested', () => {
    const body = (n: number) => Array.from({ length: n }, (_, i) => `  const a${i} = ${i};`).join('\n');
    const text = [
      `function long() {\n${body(81)}\n}`,
      `function short() {\n${body(10)}\n}`,
      `export const rules = {\n  arrow: () => {\n${body(81)}\n  },\n};`,
      `class C {\n  method() {\n${body(81)}\n  }\n}`,
    ].join('\n');
    expect(longFunctions('sample.ts', text, 80).map((b) => b.where)).toEqual([
      'sample.ts:1 long',
      'sample.ts:97 arrow',
      'sample.ts:182 method',
    ]);
  });
});
