import { expect, test } from '@playwright/test';
import config from '../playwright.config';
import { expectEndedWith, openAgent } from './support/agentPage';
import { emulator } from './support/harness';

// No capture device at all: Chromium without its fake devices on a machine with no sound card (NotFoundError).
const baseLaunch = config.use?.launchOptions ?? {};
test.use({
  launchOptions: {
    ...baseLaunch,
    args: (baseLaunch.args ?? []).filter(
      (a) => !a.startsWith('--use-fake-device-for-media-stream') && !a.startsWith('--use-file-for-fake-audio-capture'),
    ),
  },
});

test('no microphone: mic_unavailable with a message that says what to do, no call made', async ({ page }) => {
  await openAgent(page);
  expect(await page.evaluate(() => window.harness.connect())).toBe('mic_unavailable');
  await expectEndedWith(page, 'mic_unavailable');
  const state = await page.evaluate(() => window.harness.state());
  expect(state.mic.permission).toBe('unavailable');
  expect(state.lastError?.message).toMatch(/microphone/i);
  expect(await emulator(page).activeCalls()).toBe(0);
});
