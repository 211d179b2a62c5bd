import { expect, test, type Page } from '@playwright/test';
import { emulator, openHarness } from './support/harness';

// The fake microphone loops e2e/fixtures/speech.wav; Chromium lists it as three inputs (default + two).

async function connect(page: Page): Promise<string> {
  await openHarness(page);
  await page.evaluate(() => window.harness.create());
  const failure = await page.evaluate(() => window.harness.connect());
  expect(failure, JSON.stringify(await page.evaluate(() => window.harness.observed().errors))).toBeNull();
  const { callId } = await page.evaluate(() => window.harness.state());
  expect(callId).toBeTruthy();
  return callId!;
}

const userTurns = async (page: Page) =>
  (await page.evaluate(() => window.harness.transcript())).filter((e) => e.role === 'user').length;
const speechStarts = async (page: Page) =>
  (await page.evaluate(() => window.harness.observed().serverEvents)).filter(
    (t) => t === 'input_audio_buffer.speech_started',
  ).length;

test.describe('audio in a real call', () => {
  test('the input level rises while the WAV speaks, the output level while the agent speaks', async ({ page }) => {
    await connect(page);
    await expect
      .poll(() => page.evaluate(() => window.harness.observed().maxInputLevel), { timeout: 10_000 })
      .toBeGreaterThan(0.01);
    await expect
      .poll(async () => (await page.evaluate(() => window.harness.transcript())).map((e) => e.role).join(','), {
        timeout: 30_000,
      })
      .toMatch(/user,assistant/);
    await expect
      .poll(() => page.evaluate(() => window.harness.observed().maxOutputLevel), { timeout: 20_000 })
      .toBeGreaterThan(0.01);
    const observed = await page.evaluate(() => window.harness.observed());
    console.log(
      `levels seen: input max ${observed.maxInputLevel.toFixed(3)}, output max ${observed.maxOutputLevel.toFixed(3)}`,
    );
    await page.evaluate(() => window.harness.disconnect());
    expect(await page.evaluate(() => window.harness.levels())).toEqual({ input: 0, output: 0 });
  });

  test('switching the mic mid-call posts no new offer and the conversation goes on', async ({ page }) => {
    const callId = await connect(page);
    const { inputs, outputs } = await page.evaluate(() => window.harness.devices());
    expect(inputs.length).toBeGreaterThanOrEqual(3);
    const target = inputs.find((d) => d.deviceId !== 'default' && d.deviceId !== 'communications');
    expect(target?.label).toMatch(/Fake Audio Input/);
    expect(await page.evaluate(() => window.harness.micTracks())).toEqual([
      expect.objectContaining({ deviceId: 'default', enabled: true }),
    ]);
    // Muted before the switch: the new mic must arrive muted.
    await page.evaluate(() => window.harness.setMuted(true));

    const result = await page.evaluate((id) => window.harness.setInputDevice(id), target!.deviceId);
    expect(result.error).toBeNull();
    console.log(`mic switch (getUserMedia + replaceTrack + meter): ${result.ms.toFixed(0)} ms`);
    expect(await page.evaluate(() => window.harness.micTracks())).toEqual([
      { label: target!.label, deviceId: target!.deviceId, enabled: false },
    ]);
    expect((await page.evaluate(() => window.harness.state())).mic).toMatchObject({
      deviceId: target!.deviceId,
      muted: true,
    });

    await page.evaluate(() => window.harness.setMuted(false));
    const turnsBefore = await userTurns(page);
    const itemsBefore = (await emulator(page).items(callId)).length;
    // The new mic is heard, metered, and answered on the same call.
    await page.evaluate(() => window.harness.resetLevelMaxima());
    await expect
      .poll(() => page.evaluate(() => window.harness.observed().maxInputLevel), { timeout: 10_000 })
      .toBeGreaterThan(0.01);
    await expect.poll(() => userTurns(page), { timeout: 30_000 }).toBeGreaterThan(turnsBefore);
    await expect
      .poll(async () => (await emulator(page).items(callId)).length, { timeout: 30_000 })
      .toBeGreaterThan(itemsBefore + 1);

    const observed = await page.evaluate(() => window.harness.observed());
    expect(observed.offers).toBe(1);
    expect((await page.evaluate(() => window.harness.state())).callId).toBe(callId);
    expect(await emulator(page).activeCalls()).toBe(1);
    expect(observed.errors).toEqual([]);

    // Back to the system default, then the speaker: Chromium's fake outputs accept setSinkId.
    expect((await page.evaluate(() => window.harness.setInputDevice('default'))).error).toBeNull();
    expect(await page.evaluate(() => window.harness.micTracks())).toEqual([
      expect.objectContaining({ deviceId: 'default' }),
    ]);
    const speaker = outputs.find((d) => d.deviceId !== 'default' && d.deviceId !== 'communications');
    expect(speaker).toBeTruthy();
    expect(await page.evaluate((id) => window.harness.setOutputDevice(id), speaker!.deviceId)).toBeNull();
    expect((await page.evaluate(() => window.harness.playback())).elements[0]?.sinkId).toBe(speaker!.deviceId);
    expect((await page.evaluate(() => window.harness.state())).status).toBe('connected');
    expect(await page.evaluate(() => window.harness.setOutputDevice('no-such-speaker'))).toBe(
      'audio_output_unavailable',
    );
    expect(await page.evaluate(() => window.harness.setInputDevice('no-such-mic'))).toMatchObject({
      error: 'mic_unavailable',
    });
    // A failed switch loses nothing: the previous mic is still the one in use.
    expect(await page.evaluate(() => window.harness.micTracks())).toEqual([
      expect.objectContaining({ deviceId: 'default' }),
    ]);
    expect((await page.evaluate(() => window.harness.observed())).offers).toBe(1);

    await page.evaluate(() => window.harness.disconnect());
    const left = await page.evaluate(() => window.harness.leftovers());
    expect(left).toMatchObject({ liveTracks: 0, openPeers: 0, openContexts: 0, playingElements: 0 });
    expect(left.streams).toBe(3);
  });

  test('mute makes the emulator hear silence; unmute is heard again', async ({ page }) => {
    const callId = await connect(page);
    await expect
      .poll(async () => (await emulator(page).input(callId)).audibleFrames, { timeout: 10_000 })
      .toBeGreaterThan(10);

    await page.evaluate(() => window.harness.setMuted(true));
    expect((await page.evaluate(() => window.harness.levels())).input).toBe(0);
    // Let packets already on the way arrive, and a turn in progress end.
    await page.waitForTimeout(1_000);
    const before = await emulator(page).input(callId);
    const startsBefore = await speechStarts(page);
    await page.evaluate(() => window.harness.resetLevelMaxima());
    await page.waitForTimeout(3_000);
    const after = await emulator(page).input(callId);
    console.log(
      `muted 3 s: emulator decoded ${after.frames - before.frames} frames, ${after.audibleFrames - before.audibleFrames} audible, last RMS ${after.lastRms}`,
    );
    expect(after.frames - before.frames).toBeGreaterThan(50); // audio keeps flowing: silence, not a dropped track
    expect(after.audibleFrames).toBe(before.audibleFrames);
    expect(await speechStarts(page)).toBe(startsBefore);
    expect((await page.evaluate(() => window.harness.observed())).maxInputLevel).toBe(0);
    expect((await page.evaluate(() => window.harness.observed())).offers).toBe(1);

    await page.evaluate(() => window.harness.setMuted(false));
    await expect
      .poll(async () => (await emulator(page).input(callId)).audibleFrames, { timeout: 10_000 })
      .toBeGreaterThan(after.audibleFrames + 10);
    await expect.poll(() => speechStarts(page), { timeout: 15_000 }).toBeGreaterThan(startsBefore);
    expect((await page.evaluate(() => window.harness.observed())).maxInputLevel).toBeGreaterThan(0.01);

    await page.evaluate(() => window.harness.disconnect());
    expect(await page.evaluate(() => window.harness.leftovers())).toMatchObject({ liveTracks: 0, openContexts: 0 });
    expect((await page.evaluate(() => window.harness.state())).mic.permission).toBe('granted');
  });
});
