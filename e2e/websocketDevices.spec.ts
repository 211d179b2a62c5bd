import { expect, test, type Page } from '@playwright/test';
import { emulator } from './support/harness';

// Devices in a createRealtimeSession({ transport: 'websocket' }) call in real Chromium against the emulator: the
// fake device list has a few inputs and outputs; all fake inputs play the committed speech WAV.

async function open(page: Page): Promise<void> {
  await emulator(page).reset();
  await page.goto('/ws-session.html');
  await page.waitForSelector('body[data-ready="true"]');
}

test('switching the mic mid-call over WebSocket: the capture follows the new device and the call goes on; the speaker moves the context', async ({
  page,
}) => {
  await open(page);
  await page.evaluate(() => window.wsHarness.create());
  expect(await page.evaluate(() => window.wsHarness.connect())).toBeNull();
  const { inputs, outputs } = await page.evaluate(() => window.wsHarness.devices());
  const target = inputs.find((d) => d.deviceId !== 'default' && d.deviceId !== 'communications');
  expect(target?.label).toMatch(/Fake Audio Input/);
  // The looping fake mic makes a first user turn on the default device.
  const userTurns = async () =>
    (await page.evaluate(() => window.wsHarness.transcript())).filter((e) => e.role === 'user').length;
  await expect.poll(userTurns, { timeout: 30_000 }).toBeGreaterThan(0);

  expect(await page.evaluate((id) => window.wsHarness.setInputDevice(id), target!.deviceId)).toBeNull();
  expect(await page.evaluate(() => window.wsHarness.micTracks())).toEqual([
    { label: target!.label, deviceId: target!.deviceId, enabled: true },
  ]);
  expect((await page.evaluate(() => window.wsHarness.session().store.getState().mic)).deviceId).toBe(target!.deviceId);
  // The old track is stopped: only a capture re-sourced on the new one still sends speech the server hears.
  const turnsAtSwitch = await userTurns();
  const appendsAtSwitch = await page.evaluate(() => window.wsHarness.appends());
  await expect.poll(userTurns, { timeout: 30_000 }).toBeGreaterThan(turnsAtSwitch);
  const appended = (await page.evaluate(() => window.wsHarness.appends())) - appendsAtSwitch;
  console.log(`after the switch: ${appended} appends, ${(await userTurns()) - turnsAtSwitch} new user turn(s)`);
  expect(appended).toBeGreaterThan(20);
  const calls = await emulator(page).calls();
  expect(calls.filter((c) => c.state === 'open').map((c) => c.transport)).toEqual(['websocket']);

  // The speaker: over WebSocket the session's AudioContext moves (setSinkId), and the store says so.
  const speaker = outputs.find((d) => d.deviceId !== 'default' && d.deviceId !== 'communications');
  expect(speaker).toBeTruthy();
  expect(await page.evaluate((id) => window.wsHarness.setOutputDevice(id), speaker!.deviceId)).toBeNull();
  expect(await page.evaluate(() => window.wsHarness.sinkId())).toBe(speaker!.deviceId);
  expect((await page.evaluate(() => window.wsHarness.session().store.getState().output)).deviceId).toBe(
    speaker!.deviceId,
  );
  expect(await page.evaluate(() => window.wsHarness.observed().errors)).toEqual([]);
  expect((await page.evaluate(() => window.wsHarness.state())).status).toBe('connected');
  await page.evaluate(() => window.wsHarness.disconnect());
  expect(await page.evaluate(() => window.wsHarness.leftovers())).toMatchObject({ liveTracks: 0, openContexts: 0 });
});

test('a speaker chosen in the options is applied to the WebSocket call once it is up', async ({ page }) => {
  await open(page);
  const { outputs } = await page.evaluate(() => window.wsHarness.devices());
  const speaker = outputs.find((d) => d.deviceId !== 'default' && d.deviceId !== 'communications');
  expect(speaker).toBeTruthy();
  await page.evaluate((id) => window.wsHarness.create({ audio: { outputDeviceId: id } }), speaker!.deviceId);
  expect(await page.evaluate(() => window.wsHarness.connect())).toBeNull();
  await expect.poll(() => page.evaluate(() => window.wsHarness.sinkId())).toBe(speaker!.deviceId);
  await page.evaluate(() => window.wsHarness.disconnect());
});
