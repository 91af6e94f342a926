import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli';
import { ExitCode } from '../src/config/exit-codes';
import { memoryIo } from './support/memory-io';
import { buildReviewFixture, REVIEW_TENANT } from './support/review-fixture';

const GOLDEN = join(__dirname, 'golden');

/** Compares with the checked-in golden file; UPDATE_GOLDEN=1 rewrites it instead. */
function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(file, actual);
  }
  if (!existsSync(file)) throw new Error(`No golden file ${file}: run with UPDATE_GOLDEN=1 and review it.`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('vouch audit export and replay', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-audit-'));
  const out = mkdtempSync(join(tmpdir(), 'vouch-audit-out-'));

  beforeAll(async () => {
    await buildReviewFixture(dataDir);
  }, 30_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  const cli = async (args: string[]) => {
    const io = memoryIo();
    const code = await runCli([...args, '--data-dir', dataDir, '--tenant', REVIEW_TENANT], io);
    return { code, out: io.out(), err: io.err() };
  };

  it('writes the whole trail as JSON Lines (golden file)', async () => {
    const result = await cli(['audit', 'export', '--format', 'jsonl']);
    expect(result.code).toBe(ExitCode.OK);
    expectGolden('audit-trail.jsonl', result.out);
    expect(result.err).toMatch(/Exported \d+ events of review-co as jsonl/);
  });

  it('writes the trail as RFC 4180 CSV to a file (golden file)', async () => {
    const file = join(out, 'trail.csv');
    const result = await cli(['audit', 'export', '--format', 'csv', '--out', file]);
    expect(result.code).toBe(ExitCode.OK);
    expectGolden('audit-trail.csv', readFileSync(file, 'utf8'));
  });

  it('keeps no personal value and marks the erased subject', async () => {
    const { out: jsonl } = await cli(['audit', 'export', '--format', 'jsonl']);
    for (const secret of [
      'Person ines',
      'ines@acme.example',
      'Person omar',
      'omar@acme.example',
      'Head of Operations',
      'asked to be forgotten',
    ]) {
      expect(jsonl).not.toContain(secret);
    }
    const omar = jsonl
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { subjects: string; personalData: string })
      .filter((record) => record.subjects.includes('advocate:omar'));
    expect(omar.some((record) => record.personalData === 'erased')).toBe(true);
  });

  it('selects by recorded time and by subject', async () => {
    const { out: all } = await cli(['audit', 'export']);
    const records = all
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { recordedAt: string; subjects: string });
    const from = records[3]!.recordedAt;
    const to = records[6]!.recordedAt;
    const { out: window } = await cli(['audit', 'export', '--from', from, '--to', to]);
    expect(window.trim().split('\n')).toHaveLength(3);
    const { out: consent } = await cli(['audit', 'export', '--subject', 'consent:consent-ines']);
    const lines = consent
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string });
    expect(lines.map((line) => line.type)).toEqual(['ConsentGranted']);
  });

  it('refuses a wrong format, instant or subject with exit 2', async () => {
    expect((await cli(['audit', 'export', '--format', 'xml'])).code).toBe(ExitCode.USAGE);
    expect((await cli(['audit', 'export', '--from', 'yesterday'])).code).toBe(ExitCode.USAGE);
    expect((await cli(['audit', 'export', '--subject', 'person:ines'])).code).toBe(ExitCode.USAGE);
  });

  it('replays the program as recorded by an instant', async () => {
    const before = await cli(['audit', 'replay', '--as-of', '2026-01-05T09:01:30Z', '--json']);
    expect(before.code).toBe(ExitCode.OK);
    expect(JSON.parse(before.out)).toMatchObject({ eventsReplayed: 1, advocatesByStatus: {} });
    const after = await cli(['audit', 'replay', '--as-of', '2027-01-01', '--json']);
    const replayed = JSON.parse(after.out) as {
      advocatesByStatus: Record<string, number>;
      consents: { state: string }[];
    };
    expect(replayed.advocatesByStatus).toEqual({ ACTIVE: 1, ERASED: 1 });
    const text = await cli(['audit', 'replay', '--as-of', '2026-02-01']);
    expect(text.out).toMatch(/as recorded by 2026-02-01T00:00:00.000Z/);
    expect(text.out).toMatch(/Could be asked, by kind: REFERENCE_CALL 1, CASE_STUDY 1/);
  });
});
