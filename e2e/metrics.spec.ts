import { expect, test, type Page } from '@playwright/test';
import { emulator, emulatorControlHeaders } from './support/harness';

async function setConditions(page: Page, conditions: Record<string, number>): Promise<void> {
  const { emulatorUrl } = (await (await page.request.get('/api/realtime-config')).json()) as { emulatorUrl: string };
  const res = await page.request.post(`${emulatorUrl}/__emulator/conditions`, {
    data: conditions,
    headers: emulatorControlHeaders(),
  });
  if (!res.ok()) throw new Error(`conditions refused: ${await res.text()}`);
}

type TransportName = 'webrtc' | 'websocket';

/** Connects, lets the fake microphone speak (its file loops), and returns the median voice-to-voice of 3 turns (ms). */
async function voiceToVoice(page: Page, transport: TransportName): Promise<number> {
  await page.goto('/metrics.html');
  await page.waitForSelector('body[data-ready="true"]');
  expect(await page.evaluate((name) => window.metricsHarness.connect(500, name), transport)).toBeNull();
  const figures = async () =>
    (await page.evaluate(() => window.metricsHarness.turns())).flatMap((t) =>
      t.voiceToVoiceMs === null ? [] : [t.voiceToVoiceMs],
    );
  await expect.poll(async () => (await figures()).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  const three = (await figures()).slice(0, 3).sort((a, b) => a - b);
  await page.evaluate(() => window.metricsHarness.disconnect());
  return three[1]!;
}

for (const transport of ['webrtc', 'websocket'] as const) {
  test.describe(`call metrics in Chromium against the emulator over ${transport}`, () => {
    test.setTimeout(150_000);
    test('300 ms model delay + 50 ms network delay: voice-to-voice grows by what the configuration implies (±60 ms)', async ({
      page,
    }) => {
      await emulator(page).reset();
      // The same call with no conditions is the baseline: VAD hangover, codec, jitter buffer and playout are in both.
      const baseline = await voiceToVoice(page, transport);
      await emulator(page).reset();
      await setConditions(page, { modelDelayMs: 300, delayMs: 50 });
      const shaped = await voiceToVoice(page, transport);
      console.log(
        `${transport} voice-to-voice: baseline ${baseline.toFixed(0)} ms, with 300 ms model + 50 ms network ${shaped.toFixed(0)} ms`,
      );
      expect(Math.abs(shaped - baseline - 350)).toBeLessThanOrEqual(60);
      await emulator(page).reset();
    });

    test('injected loss degrades the verdict', async ({ page }) => {
      await emulator(page).reset();
      // WebRTC drops 30% of the audio packets; over a WebSocket (TCP) 30% of messages are resent, holding back the rest.
      await setConditions(page, { loss: 0.3 });
      await page.goto('/metrics.html');
      await page.waitForSelector('body[data-ready="true"]');
      expect(await page.evaluate((name) => window.metricsHarness.connect(500, name), transport)).toBeNull();
      const level = expect.poll(
        async () => (await page.evaluate(() => window.metricsHarness.quality()))?.verdict.level,
        { timeout: 30_000 },
      );
      // Over TCP, loss shows as stalls: the round trip of a probe caught behind a resent message.
      if (transport === 'webrtc') await level.toBe('poor');
      else await level.not.toBe('good');
      const quality = await page.evaluate(() => window.metricsHarness.quality());
      console.log(
        `${transport} verdict with 30% loss: ${JSON.stringify(quality?.verdict)}, rtt ${quality?.sample?.rttMs} ms, candidate ${quality?.sample?.candidateType}`,
      );
      expect(quality?.sample?.transport).toBe(transport);
      if (transport === 'webrtc') {
        expect(quality?.sample?.candidateType).toBe('host');
        const readMs = await page.evaluate(() => window.metricsHarness.statsReadMs(30));
        // One reading every 2 s: 30 a minute.
        console.log(
          `stats sampling on the main thread: ${readMs.toFixed(3)} ms a reading, ${(readMs * 30).toFixed(2)} ms a minute`,
        );
        expect(readMs * 30).toBeLessThan(50);
      }
      await page.evaluate(() => window.metricsHarness.disconnect());
      await emulator(page).reset();
    });
  });
}
