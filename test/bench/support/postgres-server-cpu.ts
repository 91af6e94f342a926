import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds (user + system) of every process descending from this one, and of their ended
 * children it reaped: the throwaway PostgreSQL server's (its postmaster and backends).
 */
export function serverCpuSeconds(): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      // Its own time and that of its children it has reaped (the server's ended backends).
      cpu.set(Number(name), [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) / 100);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const [pid, seconds] of cpu) {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        total += seconds;
        break;
      }
    }
  }
  return total;
}

/** Nanoseconds one process (a server backend) has run on a CPU, exact (the scheduler's own count, not ticks). */
export function processCpuNanos(pid: number): number {
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
}
