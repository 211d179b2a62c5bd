import { expect, test } from '@playwright/test';
import { emulator, openHarness } from './support/harness';

test.describe('WebRTC session against the local emulator', () => {
  test('a full voice turn: speech heard, transcript streamed, agent audio audible, states in order', async ({
    page,
  }) => {
    await openHarness(page);
    await page.evaluate(() => window.harness.create());
    const failure = await page.evaluate(() => window.harness.connect());
    expect(failure, JSON.stringify(await page.evaluate(() => window.harness.observed().errors))).toBeNull();

    // The fake microphone plays the committed speech WAV; the emulator's VAD hears it and answers.
    await expect
      .poll(async () => (await page.evaluate(() => window.harness.transcript())).map((e) => e.role).join(','), {
        timeout: 30_000,
      })
      .toMatch(/user,assistant/);
    await expect.poll(() => page.evaluate(() => window.harness.observed().agentStates.includes('speaking'))).toBe(true);
    await expect
      .poll(() => page.evaluate(() => window.harness.observed().maxOutputRms), { timeout: 20_000 })
      .toBeGreaterThan(0.01);

    const transcript = await page.evaluate(() => window.harness.transcript());
    const user = transcript.find((e) => e.role === 'user');
    const assistant = transcript.find((e) => e.role === 'assistant');
    expect(user?.kind).toBe('message');
    expect(assistant?.text.length).toBeGreaterThan(0);

    const observed = await page.evaluate(() => window.harness.observed());
    const states = observed.agentStates.join(' ');
    expect(states).toMatch(/listening.*thinking.*speaking/);
    expect(observed.serverEvents[0]).toBe('session.created');
    expect(observed.serverEvents).toContain('input_audio_buffer.speech_started');
    expect(observed.serverEvents).toContain('response.output_audio_transcript.delta');
    expect(observed.offers).toBe(1);
    expect(observed.unhandledRejections).toEqual([]);
    console.log(`connect (start to ready): ${observed.connectMs?.toFixed(0)} ms`);

    await page.evaluate(() => window.harness.disconnect());
    const left = await page.evaluate(() => window.harness.leftovers());
    expect(left).toMatchObject({ liveTracks: 0, openPeers: 0, openContexts: 0, playingElements: 0 });
    expect(left.streams).toBe(1);
    expect((await page.evaluate(() => window.harness.state())).status).toBe('closed');
  });

  test('two connect() calls in a row open exactly one connection', async ({ page }) => {
    await openHarness(page);
    await page.evaluate(() => window.harness.create());
    const results = await page.evaluate(() => window.harness.connectTwice());
    expect(results).toEqual([null, null]);
    const observed = await page.evaluate(() => window.harness.observed());
    expect(observed.offers).toBe(1);
    expect((await page.evaluate(() => window.harness.leftovers())).peers).toBe(1);
    expect(await emulator(page).activeCalls()).toBe(1);
    await page.evaluate(() => window.harness.disconnect());
  });

  test('hang-up mid-connect cancels cleanly and frees everything', async ({ page }) => {
    await openHarness(page);
    await page.evaluate(() => window.harness.create());
    const code = await page.evaluate(async () => {
      const pending = window.harness.connect();
      await new Promise((r) => setTimeout(r, 5));
      await window.harness.disconnect();
      return pending;
    });
    expect(code).toBe('aborted');
    await expect
      .poll(() => page.evaluate(() => window.harness.leftovers()))
      .toMatchObject({
        liveTracks: 0,
        openPeers: 0,
        openContexts: 0,
      });
    expect((await page.evaluate(() => window.harness.observed())).unhandledRejections).toEqual([]);
  });
});
