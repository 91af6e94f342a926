import * as fs from 'node:fs';
import * as path from 'node:path';
import { sourceFiles } from './support/source-code';

const domainRoot = path.resolve(__dirname, '../packages/domain');

describe('the domain package is pure', () => {
  const files = sourceFiles(path.join(domainRoot, 'src'));

  it('has no runtime dependencies', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(domainRoot, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
  });

  it('imports nothing outside itself', () => {
    const outside = files.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      const statements =
        /^(?:import|export)\s+(?:type\s+)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?|\w+)\s+from\s+['"]([^'"]+)['"]|^import\s+['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]/gm;
      const specifiers = [...text.matchAll(statements)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
      return specifiers
        .filter(
          (s) =>
            !s.startsWith('.') ||
            !path.resolve(path.dirname(file), s).startsWith(path.join(domainRoot, 'src')),
        )
        .map((s) => `${path.relative(domainRoot, file)} imports ${s}`);
    });
    expect(outside).toEqual([]);
  });

  it('never reads a clock or a random source: time and ids come from the context', () => {
    const impure = files.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return [/Date\.now\(/, /Math\.random\(/, /new Date\(\)/, /performance\.now\(/, /crypto\./]
        .filter((pattern) => pattern.test(text))
        .map((pattern) => `${path.relative(domainRoot, file)} uses ${pattern.source}`);
    });
    expect(impure).toEqual([]);
  });
});
