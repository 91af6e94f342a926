import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { startTestServer, type TestServer } from './support/test-server';

// Debian's chromium, as `.ci/run` installs it. Without it this test is reported as skipped
// under a title that says why, never passed silently.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const browserTest = haveChromium ? it : it.skip;
const title = haveChromium
  ? 'GraphiQL on the endpoint loads the schema into its docs panel in development (no token set yet)'
  : `GraphiQL docs panel check — SKIPPED: chromium not found at ${CHROMIUM} (apt-get install -y chromium)`;

describe('GraphiQL in development, in a browser', () => {
  let t: TestServer | undefined;
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  browserTest(
    title,
    async () => {
      t = await startTestServer({ environment: 'development' });
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
      });
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const introspections: number[] = [];
      page.on('response', (response) => {
        if (
          response.request().method() === 'POST' &&
          /IntrospectionQuery/.test(response.request().postData() ?? '')
        )
          introspections.push(response.status());
      });
      await page.goto(t.url);
      await page.getByRole('button', { name: /documentation explorer/i }).click();
      const docs = page.locator('.graphiql-doc-explorer');
      // The root types, then a field of Query, as the schema names them.
      await docs
        .getByText('Query', { exact: true })
        .first()
        .click({ timeout: 20_000 })
        .catch(async (error: unknown) => {
          throw new Error(
            `${String(error)}\n${introspections.join(',')}\n${await page.locator('body').innerText()}`,
          );
        });
      await docs.getByText('viewer', { exact: true }).first().waitFor({ timeout: 20_000 });
      expect(await page.locator('body').innerText()).not.toMatch(/Error fetching schema/i);
      expect(introspections).toContain(200);
    },
    120_000,
  );
});
