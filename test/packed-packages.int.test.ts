// The packages as a consumer gets them: `npm pack` every package, install the tarballs into
// a project outside the workspace (no workspace links, no path mapping, no swc), then compile
// the embedding example there with tsc (strict, skipLibCheck false) and run it as CommonJS
// (`require`) and as an ES module (`import`).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  REPO_ROOT,
  filesUnder,
  installFromCache,
  packAll,
  publishablePackages,
  runProgram,
} from './support/packed-consumer';

const TIMEOUT = 300_000;
const packages = publishablePackages();
const TESTING_ENTRIES = new Set(['event-store', 'event-store-postgres']);

interface Manifest {
  name: string;
  private?: boolean;
  exports: Record<string, unknown>;
  dependencies?: Record<string, string>;
}

let work: string;
let project: string;
let tarballs: string[];
const installed = (dir: string, ...path: string[]) => join(project, 'node_modules', '@vouch', dir, ...path);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'vouch-packed-'));
  expect(work.startsWith(REPO_ROOT)).toBe(false);
  tarballs = await packAll(work);
  project = join(work, 'consumer');
  const typesNode = readJson<{ version: string }>(join(REPO_ROOT, 'node_modules/@types/node/package.json'));
  await installFromCache(project, tarballs, [`@types/node@${typesNode.version}`]);
}, TIMEOUT);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

describe('the packed packages', () => {
  it('packs every package, none private, each with README, LICENSE and CHANGELOG', () => {
    expect(tarballs).toHaveLength(packages.length);
    for (const { dir, name } of packages) {
      const manifest = readJson<Manifest>(installed(dir, 'package.json'));
      expect(manifest.name).toBe(name);
      expect(manifest.private).toBeUndefined();
      for (const file of ['README.md', 'LICENSE', 'CHANGELOG.md'])
        expect(existsSync(installed(dir, file))).toBe(true);
    }
  });

  it('ships no build info, no test code outside a ./testing entry, and source maps whose sources are shipped', () => {
    for (const { dir } of packages) {
      const files = filesUnder(installed(dir));
      expect(files.filter((f) => f.endsWith('.tsbuildinfo'))).toEqual([]);
      expect(files.filter((f) => /(^|\/)test\//.test(f) || f.endsWith('.test.ts'))).toEqual([]);
      if (!TESTING_ENTRIES.has(dir)) expect(files.filter((f) => f.includes('/testing/'))).toEqual([]);
      const maps = files.filter((f) => f.endsWith('.map'));
      expect(maps.length).toBeGreaterThan(0);
      for (const map of maps) {
        const { sources } = readJson<{ sources: string[] }>(installed(dir, map));
        const mapDir = join(installed(dir), map, '..');
        for (const source of sources) expect([map, existsSync(join(mapDir, source))]).toEqual([map, true]);
      }
    }
  });

  it(
    'keeps the contract suite and the test server out of the main entries',
    () => {
      const consumer = createRequire(join(project, 'index.js'));
      const store = consumer('@vouch/event-store') as Record<string, unknown>;
      const testing = consumer('@vouch/event-store/testing') as Record<string, unknown>;
      expect(store.runEventStoreContract).toBeUndefined();
      expect(typeof testing.runEventStoreContract).toBe('function');
      expect(typeof store.InMemoryEventStore).toBe('function');
      const postgres = consumer('@vouch/event-store-postgres') as Record<string, unknown>;
      expect(postgres.startPostgresTestServer).toBeUndefined();
      expect(
        typeof (consumer('@vouch/event-store-postgres/testing') as Record<string, unknown>)
          .startPostgresTestServer,
      ).toBe('function');
    },
    TIMEOUT,
  );

  it(
    'gives `import` every name `require` gives, from the same module instance',
    async () => {
      const entries = packages.flatMap(({ dir, name }) =>
        Object.keys(readJson<Manifest>(installed(dir, 'package.json')).exports)
          .filter((key) => key !== './package.json')
          .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`)),
      );
      expect(entries).toContain('@vouch/event-store/testing');
      const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const report = {};
      for (const entry of ${JSON.stringify(entries)}) {
        const esm = await import(entry);
        const cjs = require(entry);
        const names = Object.keys(cjs);
        report[entry] = {
          names: names.length,
          missing: names.filter((n) => !(n in esm)),
          different: names.filter((n) => n in esm && esm[n] !== cjs[n]),
        };
      }
      console.log(JSON.stringify(report));`;
      writeFileSync(join(project, 'exports-check.mjs'), script);
      const report = JSON.parse(
        await runProgram(process.execPath, ['exports-check.mjs'], { cwd: project }),
      ) as Record<string, { names: number; missing: string[]; different: string[] }>;
      for (const entry of entries) {
        expect(report[entry]?.names).toBeGreaterThan(0);
        expect([entry, report[entry]?.missing, report[entry]?.different]).toEqual([entry, [], []]);
      }
    },
    TIMEOUT,
  );

  describe('running the embedding example', () => {
    const expectWorkflow = (out: string) => {
      expect(out).toMatch(/best match: ines scoring \d+/);
      expect(out).toContain('request req-1 is FULFILLED');
      expect(out).toMatch(/store: SQLite .* integrity verified over \d+ events/);
    };

    beforeAll(async () => {
      // One source, compiled twice: as CommonJS (main.ts → require) and as an ES module (main.mts → import).
      const example = readFileSync(join(REPO_ROOT, 'examples/embedding/src/main.ts'), 'utf8');
      mkdirSync(join(project, 'src/cjs'), { recursive: true });
      mkdirSync(join(project, 'src/esm'), { recursive: true });
      writeFileSync(join(project, 'src/cjs/main.ts'), example);
      writeFileSync(join(project, 'src/esm/main.mts'), example);
      // The ./testing entries' declarations are checked too (an adapter author's test imports them).
      writeFileSync(
        join(project, 'src/cjs/adapter-suite.ts'),
        [
          "import { runEventStoreContract, type ContractStoreFactory } from '@vouch/event-store/testing';",
          "import { startPostgresTestServer } from '@vouch/event-store-postgres/testing';",
          'export const suite: (name: string, factory: ContractStoreFactory) => void = runEventStoreContract;',
          'export const server = startPostgresTestServer;',
          '',
        ].join('\n'),
      );
      const tsconfig = {
        compilerOptions: {
          target: 'ES2022',
          module: 'node16',
          moduleResolution: 'node16',
          strict: true,
          skipLibCheck: false,
          types: ['node'],
          rootDir: 'src',
          outDir: 'dist',
        },
        include: ['src'],
      };
      writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    });

    it(
      'compiles in TypeScript (strict, skipLibCheck false) against the installed declarations',
      async () => {
        const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
        // A type error fails the run (non-zero exit) with tsc's diagnostics in the message.
        await runProgram(process.execPath, [tsc, '-p', 'tsconfig.json', '--listFiles'], {
          cwd: project,
        }).then((out) => {
          // The declarations checked are the installed ones, including better-sqlite3's and pg's types.
          expect(out).toContain(join(project, 'node_modules/@vouch/application/dist/index.d.ts'));
          expect(out).toContain(join(project, 'node_modules/@types/better-sqlite3/index.d.ts'));
          expect(out).toContain(join(project, 'node_modules/@vouch/event-store/dist/testing/index.d.ts'));
          expect(out).not.toContain(REPO_ROOT + '/packages/');
        });
        expect(readFileSync(join(project, 'dist/cjs/main.js'), 'utf8')).toContain(
          'require("@vouch/application")',
        );
        expect(readFileSync(join(project, 'dist/esm/main.mjs'), 'utf8')).toContain(
          `from '@vouch/application'`,
        );
      },
      TIMEOUT,
    );

    it(
      'runs in JavaScript as CommonJS (require)',
      async () => {
        expectWorkflow(await runProgram(process.execPath, ['dist/cjs/main.js'], { cwd: project }));
      },
      TIMEOUT,
    );

    it(
      'runs in JavaScript as an ES module (import)',
      async () => {
        expectWorkflow(await runProgram(process.execPath, ['dist/esm/main.mjs'], { cwd: project }));
      },
      TIMEOUT,
    );
  });
});
