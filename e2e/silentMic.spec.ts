import { expect, test } from '@playwright/test';
import { openAgent } from './support/agentPage';

// A capture that delivers exact digital silence (what iOS does after an audio route change) is reported as a
// `mic_silent` warning, and the call goes on; a real microphone, even a quiet one, never is.
test.describe('silent microphone', () => {
  test('a mic that sends only digital silence: a mic_silent warning within about 5 s, the call stays up', async ({
    page,
  }) => {
    await openAgent(page);
    await page.evaluate(async () => {
      const context = new AudioContext();
      const silent = context.createMediaStreamDestination(); // nothing connected: every sample is 0
      await window.harness.create({ environment: { getUserMedia: async () => silent.stream } });
      window.agentPage.mountHarness();
    });
    const started = Date.now();
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await expect
      .poll(() => page.evaluate(() => window.harness.observed().warnings), { timeout: 10_000 })
      .toContain('mic_silent');
    console.log(`silent mic reported ${Date.now() - started} ms after connect() was called`);
    expect(await page.evaluate(() => window.harness.state())).toMatchObject({ status: 'connected', lastError: null });
    await page.evaluate(() => window.harness.disconnect());
  });

  test('the real (fake-device) microphone, unmuted for 8 s: no mic_silent', async ({ page }) => {
    await openAgent(page);
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.waitForTimeout(8_000);
    expect(await page.evaluate(() => window.harness.observed().maxInputLevel)).toBeGreaterThan(0);
    expect(await page.evaluate(() => window.harness.observed().warnings)).not.toContain('mic_silent');
    await page.evaluate(() => window.harness.disconnect());
  });
});
