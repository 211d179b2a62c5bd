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

/**
 * One call: three turns with no conditions, then three with `shaped` (the fake microphone's file loops, a turn every
 * few seconds). Both kinds of turn share the call's audio framing (the mic's level windows, the upload's chunks),
 * so the difference between them is the conditions' alone; calls on separate pages would each bring their own
 * framing phase, up to a window (50 ms) apart. The conditions change once: a WebRTC jitter buffer that saw the
 * delay come and go would keep the extra depth into the next baseline turn. Returns each kind's median (ms).
 */
async function pairedVoiceToVoice(
  page: Page,
  transport: TransportName,
  shaped: Record<string, number>,
): Promise<{ baseline: number; shaped: number }> {
  await page.goto('/metrics.html');
  await page.waitForSelector('body[data-ready="true"]');
  expect(await page.evaluate((name) => window.metricsHarness.connect(500, name), transport)).toBeNull();
  const figures: Record<'baseline' | 'shaped', number[]> = { baseline: [], shaped: [] };
  for (let turn = 0; turn < 6; turn++) {
    const kind = turn < 3 ? 'baseline' : 'shaped';
    // Set well before this turn's speech ends: the last reply is done seconds before the next turn starts.
    if (turn === 3) await setConditions(page, shaped);
    const done = async () => {
      const timing = (await page.evaluate(() => window.metricsHarness.turns()))[turn];
      return timing?.marks.responseDoneAt !== undefined && timing.voiceToVoiceMs !== null
        ? timing.voiceToVoiceMs
        : null;
    };
    await expect.poll(done, { timeout: 30_000 }).not.toBeNull();
    figures[kind].push((await done())!);
  }
  await page.evaluate(() => window.metricsHarness.disconnect());
  console.log(`${transport} voice-to-voice by turn: ${JSON.stringify(figures)}`);
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return { baseline: median(figures.baseline), shaped: median(figures.shaped) };
}

for (const transport of ['webrtc', 'websocket'] as const) {
  test.describe(`call metrics in Chromium against the emulator over ${transport}`, () => {
    test.setTimeout(150_000);
    test('300 ms model delay + 50 ms network delay: voice-to-voice grows by what the configuration implies (±60 ms)', async ({
      page,
    }) => {
      await emulator(page).reset();
      // Turns with no conditions are the baseline: VAD hangover, codec, jitter buffer and playout are in both.
      const { baseline, shaped } = await pairedVoiceToVoice(page, transport, { modelDelayMs: 300, delayMs: 50 });
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
