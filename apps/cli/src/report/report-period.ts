const DAY = 86_400_000;

/** A reporting period (from, to], in ms. */
export interface ReportPeriod {
  readonly from: number;
  readonly to: number;
}

/**
 * Reads `--period`: `90d` (the days up to `--to`, default now), `quarter` (91 days), `month`
 * (30 days), `year` (365 days) or `YYYY-MM-DD..YYYY-MM-DD` (both days included). Throws a
 * RangeError that says what is accepted.
 */
export function parseReportPeriod(text: string, to: number): ReportPeriod {
  const named: Record<string, number> = { month: 30, quarter: 91, year: 365 };
  const days = named[text] ?? (/^(\d{1,4})d$/.exec(text) ? Number(text.slice(0, -1)) : undefined);
  if (days !== undefined) {
    if (days < 1) throw new RangeError('--period must cover at least one day.');
    return { from: to - days * DAY, to };
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  const start = range ? Date.parse(`${range[1]}T00:00:00.000Z`) : NaN;
  const end = range ? Date.parse(`${range[2]}T00:00:00.000Z`) + DAY : NaN;
  if (Number.isNaN(start) || Number.isNaN(end) || start >= end) {
    throw new RangeError(
      `--period "${text}" is not a period: use 90d, month, quarter, year or 2026-01-01..2026-03-31.`,
    );
  }
  return { from: start, to: end };
}
