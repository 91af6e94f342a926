import { formatDuration, ProgressLine } from '../src/rebuild/progress-line';

/** A progress line on a fake terminal whose clock the test moves. */
function terminal(interactive = true) {
  const lines: string[] = [];
  let ms = 1_000;
  const line = new ProgressLine(
    (t) => lines.push(t),
    interactive,
    'Rebuilding demo',
    'events',
    () => ms,
  );
  return { line, lines, advance: (by: number) => (ms += by) };
}

describe('the progress line of vouch rebuild (and the other long commands)', () => {
  it('shows the share done, the rate so far and the time left at that rate', () => {
    const { line, lines, advance } = terminal();
    advance(2_000);
    line.update(50_000, 200_000);
    expect(lines.at(-1)).toBe(
      '\rRebuilding demo [########......................]  25% 50,000/200,000 25,000 events/s, ETA 6 s   ',
    );
    advance(6_000);
    line.update(200_000, 200_000);
    expect(lines.at(-1)).toBe(
      '\rRebuilding demo [##############################] 100% 200,000/200,000 25,000 events/s   ',
    );
  });

  it('redraws at most ten times a second, but always draws the end', () => {
    const { line, lines, advance } = terminal();
    advance(500);
    line.update(10, 100);
    advance(50);
    line.update(20, 100);
    expect(lines).toHaveLength(1);
    line.update(100, 100);
    expect(lines).toHaveLength(2);
  });

  it('prints nothing on a non-terminal (logs stay clean)', () => {
    const { line, lines, advance } = terminal(false);
    advance(1_000);
    line.update(10, 100);
    line.finish();
    expect(lines).toEqual([]);
  });

  it('writes durations a person reads at a glance', () => {
    expect(formatDuration(0.2)).toBe('1 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3_725)).toBe('1 h 02 min');
  });
});
