import { expect, test } from '@playwright/test';
import { buildCspApp, serveWithCsp, type CspServer } from './support/cspServer';

// The widget under `script-src 'self'` (and default-src 'self', so no inline styles either): an app built by
// Vite from a fresh build of the package renders <VoiceAgent/>, served by a plain Node server with the policy.
let server: CspServer;
let origin = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { appDir } = await buildCspApp('csp-widget', 'csp-widget', {
    'talkwire/core': 'core.js',
    'talkwire/styles.css': 'styles.css',
    talkwire: 'index.js',
  });
  server = await serveWithCsp(appDir);
  ({ origin } = server);
});

test.afterAll(async () => {
  await server?.close();
});

test("<VoiceAgent/> under script-src 'self': a spoken turn, no CSP violation", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const response = await page.goto(`${origin}/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

  const agent = page.locator('[data-talkwire="voice-agent"]');
  await page.locator('[data-talkwire="talk-button"]').click();
  await expect(agent).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
  await expect(page.locator('[role="log"] [data-role="assistant"]').first()).toBeVisible({ timeout: 30_000 });
  // The stylesheet applied (a same-origin <link>), and the level variables are set through the CSSOM.
  expect(await agent.evaluate((el) => getComputedStyle(el).getPropertyValue('--talkwire-input-level') !== '')).toBe(
    true,
  );

  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  expect(pageErrors).toEqual([]);
  await page.locator('[data-talkwire="talk-button"]').click();
  await expect(agent).toHaveAttribute('data-status', 'closed');
});
