import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { runCli } from '../src/cli';
import { ExitCode } from '../src/config/exit-codes';
import { memoryIo } from './support/memory-io';

// Debian's chromium. Without it the browser check is reported as skipped under a title that
// says why, never passed silently.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const browserTest = haveChromium ? it : it.skip;
const title = haveChromium
  ? 'the HTML digest opens offline in Chromium with its headlines, findings and three drawn charts'
  : `HTML digest browser check — SKIPPED: chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;

const OUTPUT = join(__dirname, '..', '..', '..', 'test-output', 'report-digest');

describe('vouch report digest', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'vouch-digest-'));
  let browser: Browser | undefined;

  beforeAll(async () => {
    const io = memoryIo();
    const code = await runCli(
      ['seed', '--data-dir', dataDir, '--seed', '3', '--scale', '0.03', '--until', '2026-06-30'],
      io,
    );
    expect(code).toBe(ExitCode.OK);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const digest = async (...flags: string[]) => {
    const io = memoryIo();
    const code = await runCli(
      ['report', 'digest', '--data-dir', dataDir, '--to', '2026-06-30', ...flags],
      io,
    );
    return { code, io };
  };

  browserTest(
    title,
    async () => {
      mkdirSync(OUTPUT, { recursive: true });
      const file = join(OUTPUT, 'digest.html');
      const { code } = await digest('--period', 'quarter', '--out', file);
      expect(code).toBe(ExitCode.OK);
      const html = readFileSync(file, 'utf8');
      // Self-contained: no script, stylesheet, image or font from anywhere (url(#…) names a clip path inside).
      expect(html).not.toMatch(/<script|<link|<img|@import|url\((?!#)/);
      expect(html.match(/<svg /g)).toHaveLength(3);

      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      const page = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith('file://')) requests.push(request.url());
      });
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      await page.goto(`file://${file}`);
      expect(await page.title()).toBe('Vouch executive digest: demo, 2026-03-31 – 2026-06-30');
      const headlines = await page.locator('#headlines').innerText();
      expect(headlines).toMatch(/Win rate with references\s+\d+(\.\d)? % \(\d+ of \d+\)/);
      expect(headlines).toMatch(/Growth-plan targets met\s+\d+ of 24/);
      expect(await page.locator('#assessment tr').count()).toBe(12);
      for (const id of ['chart-win-rate', 'chart-uses', 'chart-assessment']) {
        const box = await page.locator(`#${id} svg`).boundingBox();
        expect(box?.width).toBeGreaterThan(400);
        expect(box?.height).toBeGreaterThan(200);
        // Drawn, not empty: bars or a line with their labels.
        expect(await page.locator(`#${id} svg path`).count()).toBeGreaterThan(3);
      }
      await page.screenshot({ path: join(OUTPUT, 'digest.png'), fullPage: true });
      expect(requests).toEqual([]);
      expect(problems).toEqual([]);
    },
    120_000,
  );

  it('writes Markdown whose charts are inline SVG images', async () => {
    const { code, io } = await digest('--period', '2026-04-01..2026-06-30', '--format', 'md');
    expect(code).toBe(ExitCode.OK);
    const md = io.out();
    expect(md).toMatch(/^# Vouch executive digest: demo, 2026-04-01 – 2026-07-01/);
    expect(md).toMatch(/\| Program health \| 0\.\d+ \((STRONG|FAIR|WEAK)\) \|/);
    expect(md.match(/!\[[^\]]+\]\(data:image\/svg\+xml;base64,/g)).toHaveLength(2);
    // The demo's campaign quotes nobody asked for (seed/intelligence-scenario.ts): weak on purpose.
    expect(md).toMatch(
      /\| Content Strategy \| [\d.]+ \| WEAK \| content: (\d+) of \1 published assets not used in 90 days/,
    );
    expect(md).not.toMatch(/https?:\/\//);
  });

  it('refuses a period it cannot read, writing nothing', async () => {
    const out = join(dataDir, 'never.html');
    const { code, io } = await digest('--period', 'last-tuesday', '--out', out);
    expect(code).toBe(ExitCode.USAGE);
    expect(io.err()).toContain('--period "last-tuesday" is not a period');
    expect(existsSync(out)).toBe(false);
  });
});
