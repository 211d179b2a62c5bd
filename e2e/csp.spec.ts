import { expect, test } from '@playwright/test';
import { buildCspApp, serveWithCsp, type CspServer } from './support/cspServer';

// An app as a user builds it, served with a strict Content-Security-Policy (see support/cspServer.ts).
let server: CspServer;
let origin = '';
let served: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const { appDir, packageMs, appMs } = await buildCspApp('csp-app', 'csp', { 'talkwire/core': 'core.js' });
  console.log(`package build ${(packageMs / 1000).toFixed(1)} s, app build ${(appMs / 1000).toFixed(1)} s`);
  server = await serveWithCsp(appDir);
  ({ origin, served } = server);
});

test.afterAll(async () => {
  await server?.close();
});

test("a page served with script-src 'self' meters the mic through the packaged worklet", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const response = await page.goto(`${origin}/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.waitForSelector('body[data-ready="true"]');

  expect(await page.evaluate(() => window.app.connect())).toBeNull();
  await expect
    .poll(() => page.evaluate(() => window.app.observed().maxInputLevel), { timeout: 10_000 })
    .toBeGreaterThan(0.01);

  const observed = await page.evaluate(() => window.app.observed());
  console.log(
    `under CSP: input level max ${observed.maxInputLevel.toFixed(3)}, worklet ${observed.workletLoads[0]?.url}`,
  );
  // The worklet came from the app's own origin as a file (not a data: or blob: URL) and loaded.
  expect(observed.workletLoads).toEqual([
    { url: expect.stringMatching(new RegExp(`^${origin}/assets/micProcessor-[\\w-]+\\.js$`)), ok: true, error: null },
  ]);
  expect(served).toContainEqual(expect.stringMatching(/^GET \/assets\/micProcessor-[\w-]+\.js$/));
  expect(observed.violations).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  await page.evaluate(() => window.app.disconnect());
});
