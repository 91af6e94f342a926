import { spawn, spawnSync } from 'node:child_process';

/**
 * Samples one process (a server backend) with Linux `perf record -g` until the returned
 * function is called; that function stops perf and resolves once the data file is written.
 */
export async function perfRecord(
  pid: number,
  file: string,
  how: readonly string[] = ['-g', '-F', '4000'],
): Promise<() => Promise<void>> {
  const perf = spawn('perf', ['record', ...how, '-p', String(pid), '-o', file], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  perf.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => perf.once('exit', resolve));
  // perf says nothing when it is attached; it is after a few hundred ms on this machine.
  await new Promise((resolve) => setTimeout(resolve, 700));
  if (perf.exitCode !== null) throw new Error(`perf record exited at once:\n${log}`);
  return async () => {
    perf.kill('SIGINT');
    await exited;
  };
}

/** One line of `perf report`: the share of samples and the symbol (or library). */
export interface PerfEntry {
  percent: number;
  name: string;
}

/** The entries of a recording by self time, sorted by `sort` (`symbol`, `dso`, …), most first. */
export function perfReport(file: string, sort: string, limit = 30): PerfEntry[] {
  const result = spawnSync(
    'perf',
    [
      'report',
      '-i',
      file,
      '--no-children',
      '--sort',
      sort,
      '--stdio',
      '-g',
      'none',
      '--percent-limit',
      '0.3',
    ],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const entries: PerfEntry[] = [];
  for (const line of result.stdout.split('\n')) {
    const match = /^\s+([\d.]+)%\s+(.*\S)\s*$/.exec(line);
    if (match) entries.push({ percent: Number(match[1]), name: match[2]!.replace(/\s+/g, ' ') });
  }
  return entries.slice(0, limit);
}
