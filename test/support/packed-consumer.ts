import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The repository root. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

/** The publishable packages (every `packages/*` directory), by directory name. */
export function publishablePackages(): { dir: string; name: string }[] {
  return readdirSync(join(REPO_ROOT, 'packages'))
    .sort()
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'packages', dir, 'package.json'), 'utf8')) as {
        name: string;
      };
      return { dir, name: pkg.name };
    });
}

/** Runs a program and returns its stdout; a non-zero exit throws with both streams. */
export async function runProgram(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<string> {
  try {
    const { stdout } = await run(file, [...args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 240_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as Error & { stdout?: string; stderr?: string };
    throw new Error(
      `${file} ${args.join(' ')} failed: ${failed.message}\n${failed.stdout}\n${failed.stderr}`,
      { cause: error },
    );
  }
}

/**
 * Builds the packages (CommonJS with tsc, then the ES module wrappers) and packs each with
 * `npm pack` into `destination`; returns the tarball paths in package order.
 */
export async function packAll(destination: string): Promise<string[]> {
  const packages = publishablePackages();
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  await runProgram(process.execPath, [tsc, '-b', ...packages.map((p) => `packages/${p.dir}`)], {
    cwd: REPO_ROOT,
  });
  await runProgram(process.execPath, ['scripts/write-esm-entries.js'], { cwd: REPO_ROOT });
  // The build ran above; --ignore-scripts keeps npm from running each package's prepack again.
  const out = await runProgram(
    'npm',
    [
      'pack',
      '--json',
      '--ignore-scripts',
      '--pack-destination',
      destination,
      ...packages.flatMap((p) => ['-w', p.name]),
    ],
    { cwd: REPO_ROOT },
  );
  const packed = JSON.parse(out) as { filename: string }[];
  return packed.map((p) => join(destination, p.filename));
}

/**
 * Installs tarballs (and `extra` registry packages) into a fresh project at `project`, a
 * directory outside the workspace, from the npm cache and the configured npm registry only:
 * `--prefer-offline` takes every tarball and manifest the cache holds (an `npm ci` of this
 * repository put each dependency's tarball there) and asks the registry only for what it lacks
 * (a dependency's metadata, which `npm ci` does not cache). No install script runs.
 *
 * better-sqlite3 is a native module whose build from source takes about four minutes, and its
 * prebuilt download comes from GitHub, which these machines cannot reach. So the install skips
 * install scripts (`--ignore-scripts`) and the binary the workspace already built
 * (`better_sqlite3.node`: same Node, and the same better-sqlite3 version, which the test checks)
 * is copied in.
 */
export async function installFromCache(
  project: string,
  tarballs: readonly string[],
  extra: readonly string[],
) {
  mkdirSync(project, { recursive: true });
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      { name: 'vouch-consumer', version: '1.0.0', private: true, license: 'UNLICENSED' },
      null,
      2,
    ),
  );
  await runProgram(
    'npm',
    [
      'install',
      '--prefer-offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
      '--save-exact',
      ...tarballs,
      ...extra,
    ],
    { cwd: project },
  );
  const built = join(
    dirname(require.resolve('better-sqlite3/package.json', { paths: [REPO_ROOT] })),
    'build',
    'Release',
    'better_sqlite3.node',
  );
  const target = join(project, 'node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(target, { recursive: true });
  copyFileSync(built, join(target, 'better_sqlite3.node'));
}

/** Every file under `dir`, as paths relative to it. */
export function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? filesUnder(dir, path) : [path];
  });
}
