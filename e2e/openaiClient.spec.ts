import { expect, test } from '@playwright/test';
import { emulator } from './support/harness';

test("OpenAI's own WebRTC client (agents-realtime) holds a spoken turn with the emulator", async ({ page }) => {
  await emulator(page).reset();
  await page.goto('/openai-client.html');
  await page.waitForSelector('body[data-ready="true"]');
  expect(await page.evaluate(() => window.openaiClient.connect())).toBeNull();

  // The fake microphone speaks; the emulator's VAD hears it and answers with a streamed, audible reply.
  await expect
    .poll(() => page.evaluate(() => window.openaiClient.seen().turnsDone), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect
    .poll(() => page.evaluate(() => window.openaiClient.seen().maxPlayedRms), { timeout: 15_000 })
    .toBeGreaterThan(0.01);
  const seen = await page.evaluate(() => window.openaiClient.seen());
  expect(seen.events.slice(0, 2)).toEqual(['session.created', 'session.updated']);
  expect(seen.events).toEqual(
    expect.arrayContaining([
      'input_audio_buffer.speech_started',
      'response.output_audio_transcript.delta',
      'response.done',
    ]),
  );
  expect(seen.transcript.length).toBeGreaterThan(0);
  expect(seen.errors).toEqual([]);
  await page.evaluate(() => window.openaiClient.close());
});
