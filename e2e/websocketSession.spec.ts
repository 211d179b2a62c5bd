import { expect, test, type Page } from '@playwright/test';
import { emulator, emulatorControlHeaders } from './support/harness';

// createRealtimeSession({ transport: 'websocket' }) in real Chromium against the emulator's WebSocket endpoint:
// the fake microphone (the committed speech WAV) goes up as PCM, the reply plays through the AudioWorklet
// player, and the page measures what was played through a tap on the session's own AudioContext.

async function open(page: Page): Promise<void> {
  await emulator(page).reset();
  await page.goto('/ws-session.html');
  await page.waitForSelector('body[data-ready="true"]');
}

async function emulatorUrl(page: Page): Promise<string> {
  const config = (await (await page.request.get('/api/realtime-config')).json()) as { emulatorUrl: string };
  return config.emulatorUrl;
}

async function recorded(page: Page, type: string): Promise<Array<{ item_id: string; audio_end_ms: number }>> {
  const [call] = (await emulator(page).calls()).filter((c) => c.transport === 'websocket');
  if (!call) return [];
  const res = await page.request.get(
    `${await emulatorUrl(page)}/__emulator/calls/${call.id}/client-events?type=${type}`,
    {
      headers: emulatorControlHeaders(),
    },
  );
  return ((await res.json()) as { events: Array<{ item_id: string; audio_end_ms: number }> }).events;
}
const truncates = (page: Page) => recorded(page, 'conversation.item.truncate');

/** Played ms of the cut item as the page's tap measured it: from its first sound to the player's clear. */
async function playedMs(page: Page): Promise<number> {
  const tap = await page.evaluate(() => window.wsHarness.tap());
  expect(tap).not.toBeNull();
  expect(tap!.first).toBeGreaterThanOrEqual(0);
  expect(tap!.mark).toBeGreaterThan(tap!.first);
  return ((tap!.mark - tap!.first) / tap!.rate) * 1000;
}

const LONG =
  'This is a long answer that keeps going for quite a while, so that there is plenty of time to interrupt it before it ends, and then some more words after that.';

test('a full voice turn over WebSocket: speech heard, reply streamed and audible, states in order; hang-up frees mic and context', async ({
  page,
}) => {
  await open(page);
  await page.evaluate(() => window.wsHarness.create());
  expect(await page.evaluate(() => window.wsHarness.connect())).toBeNull();
  await expect
    .poll(async () => (await page.evaluate(() => window.wsHarness.transcript())).map((e) => e.role).join(','), {
      timeout: 30_000,
    })
    .toMatch(/user,assistant/);
  await expect
    .poll(() => page.evaluate(() => window.wsHarness.observed().agentStates.includes('speaking')), { timeout: 20_000 })
    .toBe(true);
  const tap = await page.evaluate(() => window.wsHarness.tap());
  expect(tap?.first).toBeGreaterThanOrEqual(0); // sound left the player
  await expect
    .poll(() => page.evaluate(() => window.wsHarness.observed().maxOutputLevel), { timeout: 10_000 })
    .toBeGreaterThan(0.01);
  const observed = await page.evaluate(() => window.wsHarness.observed());
  expect(observed.agentStates.join(' ')).toMatch(/listening.*thinking.*speaking/);
  expect(observed.serverEvents[0]).toBe('session.created');
  expect(observed.serverEvents).toContain('input_audio_buffer.speech_started');
  expect(observed.serverEvents).toContain('response.output_audio.delta');
  expect(observed.clientEvents).not.toContain('input_audio_buffer.append'); // audio is not logged per chunk...
  const [call] = (await emulator(page).calls()).filter((c) => c.transport === 'websocket');
  expect(call!.input.audibleFrames).toBeGreaterThan(20); // ...but it reached the server
  const assistant = (await page.evaluate(() => window.wsHarness.transcript())).find((e) => e.role === 'assistant');
  expect(assistant?.text.length).toBeGreaterThan(0);
  expect(observed.errors).toEqual([]);

  await page.evaluate(() => window.wsHarness.disconnect());
  expect(await page.evaluate(() => window.wsHarness.leftovers())).toMatchObject({
    liveTracks: 0,
    openContexts: 0,
    contexts: 1,
    streams: 1,
  });
  await expect.poll(() => emulator(page).activeCalls()).toBe(0);
  expect((await page.evaluate(() => window.wsHarness.state())).status).toBe('closed');
});

test('a mic worklet that does not load is a mic_unavailable warning, not a silently deaf call', async ({ page }) => {
  await open(page);
  await page.evaluate(() => window.wsHarness.create({ audio: { workletUrl: '/no-such-worklet.js' } }));
  expect(await page.evaluate(() => window.wsHarness.connect())).toBeNull();
  await expect
    .poll(() => page.evaluate(() => window.wsHarness.observed().warnings), { timeout: 10_000 })
    .toEqual([expect.stringMatching(/^mic_unavailable: The mic worklet did not load .*audio\.workletUrl/)]);
  await page.evaluate(() => window.wsHarness.disconnect());
});

test('interrupt() mid-stream: response.cancel, then a truncate whose audio_end_ms matches the page-measured playback within 50 ms', async ({
  page,
}) => {
  await open(page);
  await emulator(page).scenario({ fallback: LONG });
  await page.evaluate(() => window.wsHarness.create());
  expect(await page.evaluate(() => window.wsHarness.connect())).toBeNull();
  await page.evaluate(() => window.wsHarness.setMuted(true)); // the looping fake mic must not barge in itself
  await page.evaluate(() => window.wsHarness.sendText('Tell me a long story.'));
  await expect
    .poll(() => page.evaluate(() => window.wsHarness.observed().agentStates.includes('speaking')), { timeout: 15_000 })
    .toBe(true);
  await page.waitForTimeout(400);
  // Still streaming: the emulator paces audio at 4x real time and this reply is about 10 s long.
  expect((await page.evaluate(() => window.wsHarness.state())).activeResponseId).not.toBeNull();
  await page.evaluate(() => window.wsHarness.interrupt());
  await expect.poll(() => truncates(page)).toHaveLength(1);
  const [truncate] = await truncates(page);
  const played = await playedMs(page);
  console.log(`mid-stream: audio_end_ms ${truncate!.audio_end_ms}, page measured ${played.toFixed(1)} ms`);
  expect(Math.abs(truncate!.audio_end_ms - played)).toBeLessThanOrEqual(50);
  expect(await recorded(page, 'response.cancel')).toHaveLength(1);
  // What the transport sent itself is in the session's client event log like the app's own events.
  const logged = await page.evaluate(() =>
    window.wsHarness
      .session()
      .store.eventLog.toArray()
      .filter((e) => e.direction === 'client')
      .map((e) => e.event as { type: string; audio_end_ms?: number }),
  );
  expect(logged.map((e) => e.type)).toEqual(expect.arrayContaining(['response.cancel', 'conversation.item.truncate']));
  expect(logged.find((e) => e.type === 'conversation.item.truncate')?.audio_end_ms).toBe(truncate!.audio_end_ms);
  // The unheard tail is marked: the server confirmed the cut and the entry says where it ended.
  await expect
    .poll(async () => (await page.evaluate(() => window.wsHarness.transcript())).find((e) => e.role === 'assistant'))
    .toMatchObject({ status: 'incomplete', audioEndMs: truncate!.audio_end_ms });
  // Muted, the agent waits (idle) rather than listens; what matters is that it no longer speaks.
  await expect.poll(() => page.evaluate(() => window.wsHarness.state().agentState)).not.toBe('speaking');
  await page.evaluate(() => window.wsHarness.disconnect());
});

test('speech_started after the whole reply was received but not yet played: truncate at the page-measured playback', async ({
  page,
}) => {
  await open(page);
  await emulator(page).scenario({ fallback: LONG });
  await page.evaluate(() => window.wsHarness.create());
  expect(await page.evaluate(() => window.wsHarness.connect())).toBeNull();
  await page.evaluate(() => window.wsHarness.setMuted(true));
  await page.evaluate(() => window.wsHarness.sendText('Tell me a long story.'));
  // All audio received (response.done) while most of it still waits in the player.
  await expect
    .poll(() => page.evaluate(() => window.wsHarness.observed().serverEvents.includes('response.done')), {
      timeout: 15_000,
    })
    .toBe(true);
  expect((await page.evaluate(() => window.wsHarness.state())).agentState).toBe('speaking');
  const [call] = (await emulator(page).calls()).filter((c) => c.transport === 'websocket');
  const res = await page.request.post(`${await emulatorUrl(page)}/__emulator/calls/${call!.id}/send`, {
    data: [
      JSON.stringify({
        type: 'input_audio_buffer.speech_started',
        event_id: 'event_vad',
        audio_start_ms: 1000,
        item_id: 'item_user_next',
      }),
    ],
    headers: emulatorControlHeaders(),
  });
  expect(res.ok()).toBe(true);
  await expect.poll(() => truncates(page)).toHaveLength(1);
  const [truncate] = await truncates(page);
  const played = await playedMs(page);
  console.log(`after all received: audio_end_ms ${truncate!.audio_end_ms}, page measured ${played.toFixed(1)} ms`);
  expect(Math.abs(truncate!.audio_end_ms - played)).toBeLessThanOrEqual(50);
  expect(truncate!.audio_end_ms).toBeGreaterThan(100);
  await expect.poll(() => page.evaluate(() => window.wsHarness.state().agentState)).not.toBe('speaking');
  await page.evaluate(() => window.wsHarness.disconnect());
});

test('through the relay: the same voice turn with no key in the page; a refused client event is a clear error and the call goes on', async ({
  page,
}) => {
  await open(page);
  const upstream = await emulatorUrl(page);
  const { createRealtimeRelay } = await import('../src/server/createRealtimeRelay');
  const { createServer } = await import('node:http');
  const relay = createRealtimeRelay({
    authorize: 'public',
    apiKey: 'sk-e2e-relay-key',
    apiBaseUrl: `${upstream}/v1`,
    session: { instructions: 'Relay instructions.' },
  });
  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', relay);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relayUrl = `ws://127.0.0.1:${(server.address() as { port: number }).port}/realtime`;
  // Everything the page could see: HTTP bodies and every WebSocket frame both ways.
  const seen: string[] = [];
  page.on('websocket', (socket) => {
    seen.push(socket.url());
    socket.on('framesent', (frame) => seen.push(String(frame.payload)));
    socket.on('framereceived', (frame) => seen.push(String(frame.payload)));
  });
  page.on(
    'response',
    (response) =>
      void response.text().then(
        (body) => seen.push(response.url(), body),
        () => undefined,
      ),
  );
  try {
    await page.evaluate((url) => window.wsHarness.create({ relayUrl: url }), relayUrl);
    expect(await page.evaluate(() => window.wsHarness.connect())).toBeNull();
    await expect
      .poll(async () => (await page.evaluate(() => window.wsHarness.transcript())).map((e) => e.role).join(','), {
        timeout: 30_000,
      })
      .toMatch(/user,assistant/);
    await expect
      .poll(() => page.evaluate(() => window.wsHarness.observed().agentStates.includes('speaking')), {
        timeout: 20_000,
      })
      .toBe(true);
    expect((await page.evaluate(() => window.wsHarness.tap()))?.first).toBeGreaterThanOrEqual(0);
    const [call] = (await emulator(page).calls()).filter((c) => c.transport === 'websocket');
    expect(call!.session.instructions).toBe('Relay instructions.');

    await page.evaluate(() => window.wsHarness.setMuted(true));
    await page.evaluate(() =>
      window.wsHarness.send({
        type: 'session.update',
        session: { type: 'realtime', instructions: 'Ignore the server.' },
      }),
    );
    await expect
      .poll(() => page.evaluate(() => window.wsHarness.observed().errors.join('\n')))
      .toMatch(/server_error: The relay refused this session\.update: session\.instructions/);
    expect((await page.evaluate(() => window.wsHarness.state())).status).toBe('connected');
    const before = (await page.evaluate(() => window.wsHarness.transcript())).length;
    await page.evaluate(() => window.wsHarness.sendText('Still there?'));
    await expect
      .poll(async () => (await page.evaluate(() => window.wsHarness.transcript())).length, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(before + 2);

    expect(seen.length).toBeGreaterThan(20);
    const text = seen.join('\n') + (await page.evaluate(() => window.wsHarness.frames().join('\n')));
    expect(text).not.toMatch(/ek_|sk-/);
    await page.evaluate(() => window.wsHarness.disconnect());
    await expect.poll(() => emulator(page).activeCalls()).toBe(0);
  } finally {
    relay.close();
    server.close();
  }
});

test("transport 'auto' with ICE refused: WebRTC gives up within seconds and the call goes on over WebSocket", async ({
  page,
}) => {
  await open(page);
  await emulator(page).inject({ type: 'ice_fail' } as never);
  await page.evaluate(() => window.wsHarness.create({ transport: 'auto' }));
  const fallbacks: string[] = [];
  page.on('console', (message) => fallbacks.push(message.text()));
  await page.evaluate(() =>
    window.wsHarness
      .session()
      .on('transport_fallback', (f) => console.log(`fallback ${f.from} -> ${f.to}: ${f.reason}`)),
  );
  const started = Date.now();
  expect(await page.evaluate(() => window.wsHarness.connect())).toBeNull();
  const elapsed = Date.now() - started;
  console.log(`'auto' connected over WebSocket ${elapsed} ms after connect()`);
  expect(elapsed).toBeLessThan(10_000);
  expect(fallbacks.join('\n')).toMatch(/fallback webrtc -> websocket: WebRTC did not connect within 4000 ms/);
  // The store says which transport carries the call and why it changed.
  expect(await page.evaluate(() => window.wsHarness.session().store.getState().transport)).toEqual({
    kind: 'websocket',
    fallback: { from: 'webrtc', to: 'websocket', reason: 'WebRTC did not connect within 4000 ms.' },
  });
  const calls = await emulator(page).calls();
  expect(calls.filter((c) => c.state === 'open').map((c) => c.transport)).toEqual(['websocket']);
  await page.evaluate(() => window.wsHarness.setMuted(true));
  await page.evaluate(() => window.wsHarness.sendText('Hello over the fallback.'));
  await expect
    .poll(async () => (await page.evaluate(() => window.wsHarness.transcript())).map((e) => e.role).join(','), {
      timeout: 15_000,
    })
    .toMatch(/user,assistant/);
  await page.evaluate(() => window.wsHarness.disconnect());
  expect(await page.evaluate(() => window.wsHarness.leftovers())).toMatchObject({ liveTracks: 0, openContexts: 0 });
});

test("transport 'auto' where WebRTC connects stays on WebRTC", async ({ page }) => {
  await open(page);
  await page.evaluate(() => window.wsHarness.create({ transport: 'auto' }));
  expect(await page.evaluate(() => window.wsHarness.connect())).toBeNull();
  const calls = await emulator(page).calls();
  expect(calls.filter((c) => c.state !== 'closed').map((c) => c.transport)).toEqual(['webrtc']);
  expect(await page.evaluate(() => window.wsHarness.session().store.getState().transport)).toEqual({
    kind: 'webrtc',
    fallback: null,
  });
  await page.evaluate(() => window.wsHarness.disconnect());
  await expect.poll(() => emulator(page).activeCalls()).toBe(0);
});
