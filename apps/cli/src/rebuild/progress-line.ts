/**
 * A progress bar on one terminal line, redrawn at most ten times a second, with the rate
 * so far and the time left at that rate; on a non-terminal it prints nothing until the
 * end, so logs stay clean.
 */
export class ProgressLine {
  private lastDraw = -Infinity;
  private readonly started: number;

  constructor(
    private readonly write: (text: string) => void,
    private readonly interactive: boolean,
    private readonly label: string,
    /** What is counted, for the rate: `events/s`. */
    private readonly unit = 'events',
    /** Milliseconds from any fixed origin (injected by tests). */
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  update(done: number, total: number): void {
    if (!this.interactive) return;
    const now = this.now();
    if (now - this.lastDraw < 100 && done < total) return;
    this.lastDraw = now;
    const width = 30;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * width);
    this.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)
        .toString()
        .padStart(
          3,
        )}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}${this.pace(done, total, now)}`,
    );
  }

  finish(): void {
    if (this.interactive) this.write('\n');
  }

  // The rate since the start and, while work remains, the time left at that rate.
  private pace(done: number, total: number, now: number): string {
    const seconds = (now - this.started) / 1000;
    if (seconds <= 0 || done <= 0) return '';
    const rate = done / seconds;
    const rest = done < total ? `, ETA ${formatDuration((total - done) / rate)}` : '';
    // Trailing spaces wipe what a longer previous line left on the terminal.
    return ` ${Math.round(rate).toLocaleString('en-US')} ${this.unit}/s${rest}   `;
  }
}

/** 42 s, 3 min 05 s, 1 h 02 min. */
export function formatDuration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
