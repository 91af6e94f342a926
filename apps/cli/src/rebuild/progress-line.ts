/**
 * A progress bar on one terminal line, redrawn at most ten times a second; on a
 * non-terminal it prints nothing until the end, so logs stay clean.
 */
export class ProgressLine {
  private lastDraw = 0;

  constructor(
    private readonly write: (text: string) => void,
    private readonly interactive: boolean,
    private readonly label: string,
  ) {}

  update(done: number, total: number): void {
    if (!this.interactive) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && done < total) return;
    this.lastDraw = now;
    const width = 30;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * width);
    this.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor(share * 100)
        .toString()
        .padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`,
    );
  }

  finish(): void {
    if (this.interactive) this.write('\n');
  }
}
