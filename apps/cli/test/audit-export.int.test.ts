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

  it('writes consent records as W3C DPV JSON-LD after ISO/IEC TS 27560 (golden file)', async () => {
    const result = await cli(['audit', 'consents', '--all', '--format', 'dpv', '--as-of', '2026-06-01']);
    expect(result.code).toBe(ExitCode.OK);
    expectGolden('consents.dpv.jsonld', result.out);
    const document = JSON.parse(result.out) as { '@graph': Record<string, unknown>[] };
    expect(document['@graph']).toHaveLength(3);
    for (const record of document['@graph']) {
      expect(record).toMatchObject({
        '@type': 'dpv:ConsentRecord',
        'dpv:hasConsentStatus': { '@id': 'dpv:ConsentGiven' },
        'dpv:hasIndicationMethod': { 'dct:title': 'E_SIGNATURE' },
      });
      expect(record).toHaveProperty('dpv:isIndicationTime');
      expect(record).toHaveProperty('dpv:hasPurpose');
      expect(record).toHaveProperty('dpv:hasDataController');
    }
    expect(document['@graph'][1]).toMatchObject({ 'dpv:hasDataSubject': { 'vouch:erased': true } });
    expect(result.out).not.toContain('omar@acme.example');
    const one = await cli(['audit', 'consents', '--subject', 'advocate:ines', '--as-of', '2026-06-01']);
    expect((JSON.parse(one.out) as { '@graph': unknown[] })['@graph']).toHaveLength(1);
    const after = await cli(['audit', 'consents', '--subject', 'advocate:ines', '--as-of', '2027-06-01']);
    expect(after.out).toContain('dpv:ConsentExpired');
    expect((await cli(['audit', 'consents'])).code).toBe(ExitCode.USAGE);
  });

  it('writes the GDPR Article 30 record of processing from the program configuration (golden file)', async () => {
    const result = await cli(['audit', 'ropa']);
    expect(result.code).toBe(ExitCode.OK);
    const record = JSON.parse(result.out) as Record<string, unknown>;
    expect(Date.parse(String(record.generatedAt))).not.toBeNaN();
    expectGolden('ropa.json', `${JSON.stringify({ ...record, generatedAt: '(when it ran)' }, null, 2)}\n`);
    expect(record).toMatchObject({ article: 'GDPR Art. 30(1)', tenantId: REVIEW_TENANT });
    expect(JSON.stringify(record.categoriesOfPersonalData)).toContain('contact');
  });

  it('reports erasures and legal holds: who asked when, when it ran or what defers it, what remains', async () => {
    const result = await cli(['audit', 'erasures']);
    expect(result.code).toBe(ExitCode.OK);
    const report = JSON.parse(result.out) as { cases: Record<string, unknown>[] };
    expect(report.cases).toEqual([
      expect.objectContaining({
        advocateId: 'omar',
        status: 'ERASED',
        requests: [
          expect.objectContaining({
            requestedBy: 'ada.admin',
            outcome: 'ERASED',
            erasedAt: expect.any(String),
          }),
        ],
        remains: expect.objectContaining({ personalData: 'destroyed' }),
      }),
      expect.objectContaining({
        advocateId: 'lea',
        status: 'ERASURE_DEFERRED',
        requests: [expect.objectContaining({ outcome: 'DEFERRED', deferredUnder: ['hold-1'] })],
        legalHolds: [expect.objectContaining({ holdId: 'hold-1', placedBy: 'ada.admin' })],
        remains: expect.objectContaining({ personalData: 'readable' }),
      }),
    ]);
    // Free text (reasons, matters) may be personal: it stays out.
    expect(result.out).not.toMatch(/Initech|forgotten/);
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
    expect(replayed.advocatesByStatus).toEqual({ ACTIVE: 1, DO_NOT_CONTACT: 1, ERASED: 1 });
    const text = await cli(['audit', 'replay', '--as-of', '2026-02-01']);
    expect(text.out).toMatch(/as recorded by 2026-02-01T00:00:00.000Z/);
    expect(text.out).toMatch(/Could be asked, by kind: REFERENCE_CALL 1, CASE_STUDY 1/);
  });
});
