import { expect, test } from '@playwright/test';
import type { ClearResult, LatencyResult, SteadyResult } from './pages/pcm-player';

// The WebSocket transport's PCM player in a real AudioContext: a generated level pushed as deltas, what leaves
// the player counted by a tap worklet behind it, and clear() compared with that count.

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

test('clear() mid-stream silences at once and reports exactly the samples that left the player', async ({ page }) => {
  await page.goto('/pcm-player.html');
  await expect(page.locator('#status')).toHaveText('ready');
  const rate = await page.evaluate(() => window.playerLab.setup());
  expect(rate).toBeGreaterThan(0);

  for (const playForMs of [300, 900]) {
    const result: ClearResult = await page.evaluate(
      (ms) => window.playerLab.clearMidStream(`item_${ms}`, ms),
      playForMs,
    );
    console.log(`clear after ${playForMs} ms: ${JSON.stringify(result)}`);
    expect(result.reportedItem).toBe(`item_${playForMs}`);
    // Played, but far from all 2 s of it; the wait is the main thread's, so the figure is loose...
    expect(result.reportedSamples).toBeGreaterThan(((playForMs - 100) * 24000) / 1000);
    expect(result.reportedSamples).toBeLessThan(((playForMs + 400) * 24000) / 1000);
    // ...while the player's own count is exact: it equals what the tap saw, to within one sample.
    expect(Math.abs(result.tappedSamples - result.reportedSamples)).toBeLessThanOrEqual(1);
    // Nothing after the clear: the next render quantum was already silent.
    expect(result.framesAfterClear).toBe(0);
  }
  expect(await page.evaluate(() => window.playerLab.close())).toBe('closed');
});

test('first delta to first sample, and a steady real-time stream without underruns', async ({ page }) => {
  await page.goto('/pcm-player.html');
  await expect(page.locator('#status')).toHaveText('ready');
  await page.evaluate(() => window.playerLab.setup());
  const latency: LatencyResult = await page.evaluate(() => window.playerLab.firstSampleLatency(9));
  console.log(
    `first sample: rendered median ${median(latency.renderMs).toFixed(1)} ms, message back median ${median(latency.messageMs).toFixed(1)} ms, at the device median ${median(latency.outputMs).toFixed(1)} ms`,
  );
  // A 100 ms first delta starts playback in the next render quantum; the bound leaves room for a loaded machine.
  expect(median(latency.messageMs)).toBeLessThan(100);

  const steady: SteadyResult = await page.evaluate(() => window.playerLab.steadyStream(5, 'speech'));
  console.log(`steady stream: ${JSON.stringify(steady)}`);
  expect(steady.overflowSamples).toBe(0);
  // The first pause (after 550 ms) builds the margin, about 60 ms minus the 15 ms start delay, once.
  expect(steady.stretchedMs).toBeGreaterThan(20);
  if (steady.underruns === 0) expect(steady.stretchedMs).toBeLessThan(70);
  // The 15 ms start margin covers the first 550 ms; a main thread late by more than that may cost one underrun.
  if (steady.maxTimerLateMs < 10) expect(steady.underruns).toBe(0);
  // A busy page: the main thread blocked 45 ms at 1.5 s and 4.5 s, after the first pause built the margin.
  const stalled: SteadyResult = await page.evaluate(() => window.playerLab.steadyStream(5, 'speech', 45));
  console.log(`stalled stream: ${JSON.stringify(stalled)}`);
  // The stall happened (a timer may wake a hair before its due time, and clocks are coarsened to 0.1 ms).
  expect(stalled.maxTimerLateMs).toBeGreaterThanOrEqual(44);
  if (stalled.maxTimerLateMs < 55) expect(stalled.underruns).toBe(0);
  await page.evaluate(() => window.playerLab.close());
});
