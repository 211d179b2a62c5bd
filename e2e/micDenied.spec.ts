import { expect, test } from '@playwright/test';
import config from '../playwright.config';
import { expectEndedWith, expectNextConnectWorks, openAgent } from './support/agentPage';
import { emulator } from './support/harness';

// The browser's own refusal, not an injected one: Chromium without the flag that auto-accepts the permission
// prompt denies it headless (NotAllowedError), until the context is granted the permission.
const baseLaunch = config.use?.launchOptions ?? {};
test.use({
  launchOptions: { ...baseLaunch, args: (baseLaunch.args ?? []).filter((a) => a !== '--use-fake-ui-for-media-stream') },
});

test('mic permission denied by the browser: mic_permission_denied, no call made; granted later, connect works', async ({
  page,
  context,
}) => {
  await openAgent(page);
  expect(await page.evaluate(() => window.harness.connect())).toBe('mic_permission_denied');
  await expectEndedWith(page, 'mic_permission_denied');
  expect((await page.evaluate(() => window.harness.state())).mic.permission).toBe('denied');
  expect(await emulator(page).activeCalls()).toBe(0);
  await context.grantPermissions(['microphone']);
  await expectNextConnectWorks(page);
});
