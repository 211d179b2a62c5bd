import { expect, test } from '@playwright/test';
import { emulator } from './support/harness';

// Over WebRTC the translated speech is the call's audio track; over WebSocket it is session.output_audio.delta,
// played by the page's PCM player. The output meter measures what was played either way.
for (const transport of ['webrtc', 'websocket'] as const) {
  test.describe(`live translation in real Chromium against the emulator (${transport})`, () => {
    test.setTimeout(120_000);

    test(`${transport === 'webrtc' ? 'WebRTC' : 'WebSocket'}: captions in both languages, audible translated speech, the output language switched mid-session, close flushes`, async ({
      page,
    }) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await emulator(page).reset();
      await emulator(page).scenario({
        heard: ['Good morning.', 'Thank you very much.'],
        translations: [
          { es: 'Buenos días.', fr: 'Bonjour.' },
          { es: 'Muchas gracias.', fr: 'Merci beaucoup.' },
        ],
      });
      await page.goto(`/translation.html?transport=${transport}`);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      const region = page.locator('[data-talkwire="translation"]');
      await expect(region).toHaveAttribute('data-state', 'empty');

      await page.click('#start');
      await expect(page.locator('.talkwire')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
      const calls = await emulator(page).calls();
      expect(calls).toHaveLength(1);
      expect(calls[0]!).toMatchObject({
        transport,
        session: { type: 'translation', audio: { output: { language: 'es' } } },
      });
      await expect(region).toHaveAttribute('data-language', 'es');

      const source = region.locator('[data-side="source"] p');
      const target = region.locator('[data-side="target"] p');
      // The fake microphone's speech is the first turn: both languages appear.
      await expect(source).toHaveText('Good morning.', { timeout: 30_000 });
      await expect(target).toHaveText('Buenos días.');
      await expect(region.locator('[data-side="target"]')).toHaveAttribute('lang', 'es');
      // The translated speech reached the page's audio output.
      await expect
        .poll(() => page.evaluate(() => window.translationPage.peakOutput), { timeout: 10_000 })
        .toBeGreaterThan(0.01);

      // Switching the output language takes effect for the next turn.
      await page.evaluate(() => window.translationPage.setLanguage('fr'));
      await expect(region).toHaveAttribute('data-language', 'fr');
      await expect(target)
        .toHaveText('Buenos días. Merci beaucoup.', { timeout: 45_000 })
        .catch(async (error: unknown) => {
          throw new Error(`${String(error)}\nemulator: ${JSON.stringify(await emulator(page).calls())}`);
        });
      await expect(source).toHaveText('Good morning. Thank you very much.');
      expect((await emulator(page).calls())[0]!.session).toMatchObject({ audio: { output: { language: 'fr' } } });

      // Stop sends session.close: the server confirms with session.closed, then the call ends.
      await page.click('#stop');
      await expect(region).toHaveAttribute('data-state', 'closed');
      await expect(page.locator('.talkwire')).toHaveAttribute('data-status', 'closed');
      await expect.poll(async () => (await emulator(page).calls()).length).toBe(0);
      // Translation events are not reported as unknown Realtime events.
      expect(await page.evaluate(() => window.translationPage.warnings)).toEqual([]);
      expect(errors).toEqual([]);
    });
  });
}
