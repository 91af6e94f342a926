import { createPublicKey } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { publicKeyId } from '@vouch/event-store';
import { runCli } from '../src/cli';
import { ExitCode } from '../src/config/exit-codes';
import { memoryIo } from './support/memory-io';
import { buildReviewFixture, REVIEW_TENANT } from './support/review-fixture';

// Debian's chromium. Without it this test is reported as skipped under a title that says
// why, never passed silently.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const browserTest = haveChromium ? it : it.skip;
const title = haveChromium
  ? 'the HTML audit report opens offline in Chromium with its signed digest, how to verify and every event'
  : `HTML audit report browser check — SKIPPED: chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;

/** Where the screenshot is kept after the run (the test output directory). */
const OUTPUT = join(__dirname, '..', '..', '..', 'test-output', 'audit-report');

describe('vouch audit export --format html in a browser', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-report-'));
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  browserTest(
    title,
    async () => {
      await buildReviewFixture(dataDir);
      mkdirSync(OUTPUT, { recursive: true });
      const report = join(OUTPUT, 'audit-report.html');
      const io = memoryIo();
      const code = await runCli(
        [
          'audit',
          'export',
          '--format',
          'html',
          '--out',
          report,
          '--data-dir',
          dataDir,
          '--tenant',
          REVIEW_TENANT,
        ],
        io,
      );
      expect(code).toBe(ExitCode.OK);
      const html = readFileSync(report, 'utf8');
      // Self-contained: no script, stylesheet or image from anywhere.
      expect(html).not.toMatch(/<script|<link|<img|https?:\/\//);

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const requests: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file://')) requests.push(request.url());
      });
      await page.goto(`file://${report}`);
      expect(await page.title()).toBe(`Vouch audit trail: ${REVIEW_TENANT}`);

      const keyId = publicKeyId(createPublicKey(readFileSync(join(dataDir, 'signing.key'), 'utf8')));
      const digest = await page.locator('#signed-digest').innerText();
      expect(digest).toContain(keyId);
      expect(digest).toMatch(/Sequence\s+#\d+/);
      expect(await page.locator('#public-key').innerText()).toContain('BEGIN PUBLIC KEY');
      const digestJson = JSON.parse(await page.locator('#digest-json').innerText()) as {
        statement: { keyId: string };
      };
      expect(digestJson.statement.keyId).toBe(keyId);
      expect(await page.locator('body').innerText()).toMatch(
        /vouch verify --file copy-of-vouch\.db --tenant review-co --digest kept\.json/,
      );

      const rows = page.locator('#trail tbody tr');
      const jsonl = memoryIo();
      await runCli(['audit', 'export', '--data-dir', dataDir, '--tenant', REVIEW_TENANT], jsonl);
      const events = jsonl.out().trim().split('\n').length;
      expect(await rows.count()).toBe(events);
      expect(await page.locator('#count').innerText()).toBe(`${events} events.`);
      expect(await page.locator('#trail tr.erased').count()).toBeGreaterThan(0);
      expect(await page.locator('#trail').innerText()).not.toContain('omar@acme.example');

      const screenshot = join(OUTPUT, 'audit-report.png');
      await page.screenshot({ path: screenshot, fullPage: true });
      process.stdout.write(`Audit report screenshot: ${screenshot}\n`);
      expect(statSync(screenshot).size).toBeGreaterThan(10_000);
      expect(requests).toEqual([]);
    },
    60_000,
  );
});
