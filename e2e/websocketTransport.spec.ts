import { createServer, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { expect, test, type Page } from '@playwright/test';
import { WebSocketServer, type WebSocket } from 'ws';
import { base64ToPcm16, pcm16ToBase64 } from '../src/audio/base64';

// The WebSocket transport in real Chromium against a socket server run here. The server checks what the page
// sends (subprotocols, events) and plays the server's side of the protocol just far enough for the client's
// behaviour under test: auth, errors, and barge-in with exact truncation. The emulator's own WebSocket endpoint
// is tested separately.

interface Peer {
  socket: WebSocket;
  protocols: string[];
  authorization: string | undefined;
  received: Array<{ type: string; [key: string]: unknown }>;
  /** Payload bytes of every message the page sent. */
  bytes: number;
}

let server: Server;
let origin = '';
let refuseWith: number | null = null;
const peers: Peer[] = [];
const raw = new Set<Duplex>();

test.beforeEach(async () => {
  peers.length = 0;
  refuseWith = null;
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false),
  });
  server = createServer();
  server.on('upgrade', (req, socket, head) => {
    raw.add(socket);
    if (refuseWith !== null) {
      socket.end(`HTTP/1.1 ${refuseWith} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const peer: Peer = {
        socket: ws,
        protocols: (req.headers['sec-websocket-protocol'] ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
        authorization: req.headers.authorization,
        received: [],
        bytes: 0,
      };
      ws.on('message', (data) => {
        peer.bytes += (data as Buffer).length;
        peer.received.push(JSON.parse((data as Buffer).toString()) as Peer['received'][number]);
      });
      peers.push(peer);
      ws.send(
        JSON.stringify({
          type: 'session.created',
          event_id: 'event_1',
          session: { type: 'realtime', model: 'gpt-realtime' },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

test.afterEach(async () => {
  for (const socket of raw) socket.destroy();
  raw.clear();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function open(page: Page) {
  await page.goto('/websocket.html');
  await expect(page.locator('#status')).toHaveText('ready');
}

const send = (peer: Peer, event: object) => peer.socket.send(JSON.stringify(event));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A reply of `deltas` x 100 ms at a constant level, the way the server streams it. */
function streamReply(peer: Peer, itemId: string, deltas: number, finish: boolean) {
  send(peer, { type: 'response.created', response: { id: 'resp_1', status: 'in_progress', output: [] } });
  const audio = pcm16ToBase64(new Int16Array(2400).fill(8000));
  for (let i = 0; i < deltas; i++) {
    send(peer, {
      type: 'response.output_audio.delta',
      response_id: 'resp_1',
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      delta: audio,
    });
  }
  if (finish) {
    send(peer, {
      type: 'response.output_audio.done',
      response_id: 'resp_1',
      item_id: itemId,
      output_index: 0,
      content_index: 0,
    });
    send(peer, { type: 'response.done', response: { id: 'resp_1', status: 'completed', output: [] } });
  }
}

test('browser auth: subprotocols realtime + openai-insecure-api-key.<ek_>, events both ways, no header', async ({
  page,
}) => {
  await open(page);
  const error = await page.evaluate(
    (base) => window.wsLab.connect({ apiBaseUrl: `${base}/v1`, secret: 'ek_page_key' }),
    origin,
  );
  expect(error).toBeNull();
  expect(peers).toHaveLength(1);
  expect(peers[0]!.protocols).toEqual(['realtime', 'openai-insecure-api-key.ek_page_key']);
  expect(peers[0]!.authorization).toBeUndefined();
  await expect.poll(() => page.evaluate(() => window.wsLab.messages().length)).toBe(1);
  await page.evaluate(() => window.wsLab.send('response.create'));
  await expect.poll(() => peers[0]!.received.map((e) => e.type)).toEqual(['response.create']);

  peers[0]!.socket.close(1011, 'server_error');
  await expect
    .poll(() => page.evaluate(() => window.wsLab.closes()))
    .toEqual([
      expect.objectContaining({ code: 'data_channel_closed', message: expect.stringContaining('1011: server_error') }),
    ]);
  await page.evaluate(() => window.wsLab.close());
});

test('a message over maxMessageBytes ends the call with protocol_error and closes the socket', async ({ page }) => {
  await open(page);
  expect(
    await page.evaluate(
      (base) => window.wsLab.connect({ apiBaseUrl: `${base}/v1`, secret: 'ek_x', maxMessageBytes: 1000 }),
      origin,
    ),
  ).toBeNull();
  const closed = new Promise<number>((resolve) => peers[0]!.socket.once('close', (code) => resolve(code)));
  peers[0]!.socket.send('x'.repeat(2000));
  await expect.poll(() => page.evaluate(() => window.wsLab.closes().map((c) => c.code))).toEqual(['protocol_error']);
  // A page may close only with 1000 or 3000-4999; the socket must close all the same.
  expect(await closed).toBe(1000);
  await page.evaluate(() => window.wsLab.close());
});

test('relay mode sends no key at all; a refused upgrade is a clear error without the key', async ({ page }) => {
  await open(page);
  expect(
    await page.evaluate((base) => window.wsLab.connect({ relayUrl: `${base}/relay`, secret: '' }), origin),
  ).toBeNull();
  expect(peers[0]!.protocols).toEqual([]);
  expect(peers[0]!.authorization).toBeUndefined();
  await page.evaluate(() => window.wsLab.close());

  refuseWith = 401;
  const error = await page.evaluate(
    (base) => window.wsLab.connect({ apiBaseUrl: `${base}/v1`, secret: 'ek_refused_key' }),
    origin,
  );
  expect(error).toMatchObject({ code: 'connection_failed' });
  // Browsers do not expose the status of a failed upgrade; the message says what to check instead.
  expect(error!.message).toMatch(/Could not open the WebSocket/);
  expect(error!.message).not.toContain('ek_refused_key');
});

test('barge-in after the whole reply arrived: truncate at the audio the page actually played', async ({ page }) => {
  await open(page);
  expect(
    await page.evaluate((base) => window.wsLab.connect({ apiBaseUrl: `${base}/v1`, secret: 'ek_audio' }), origin),
  ).toBeNull();
  await page.evaluate(() => window.wsLab.startAudio(true));
  const peer = peers[0]!;
  // All 2 s arrive at once and the response is done: only playback remains (the case agents-js loses).
  streamReply(peer, 'msg_reply', 20, true);
  await sleep(700);
  send(peer, { type: 'input_audio_buffer.speech_started', audio_start_ms: 1000, item_id: 'msg_user' });
  await expect.poll(() => peer.received.filter((e) => e.type === 'conversation.item.truncate')).toHaveLength(1);
  const heard = await page.evaluate(() => window.wsLab.heardSamples());
  const truncate = peer.received.find((e) => e.type === 'conversation.item.truncate')!;
  console.log(`truncate ${JSON.stringify(truncate)}, page played ${(heard / 24).toFixed(2)} ms`);
  expect(truncate).toMatchObject({ item_id: 'msg_reply', content_index: 0 });
  expect(Math.abs((truncate.audio_end_ms as number) - heard / 24)).toBeLessThanOrEqual(1);
  expect(truncate.audio_end_ms).toBeGreaterThan(400);
  expect(truncate.audio_end_ms).toBeLessThan(1500);
  // Server VAD cancels by itself, and the response was done anyway: no response.cancel.
  expect(peer.received.map((e) => e.type)).toEqual(['conversation.item.truncate']);
  await sleep(200);
  expect(await page.evaluate(() => window.wsLab.heardSamples())).toBe(heard);
  await page.evaluate(() => window.wsLab.close());
});

test('barge-in mid-stream with server VAD not cancelling: response.cancel, then an exact truncate; late audio is dropped', async ({
  page,
}) => {
  await open(page);
  expect(
    await page.evaluate((base) => window.wsLab.connect({ apiBaseUrl: `${base}/v1`, secret: 'ek_audio' }), origin),
  ).toBeNull();
  await page.evaluate(() => window.wsLab.startAudio(false));
  const peer = peers[0]!;
  streamReply(peer, 'msg_reply', 5, false);
  await sleep(300);
  send(peer, { type: 'input_audio_buffer.speech_started', audio_start_ms: 1000, item_id: 'msg_user' });
  await expect.poll(() => peer.received.map((e) => e.type)).toEqual(['response.cancel', 'conversation.item.truncate']);
  const heard = await page.evaluate(() => window.wsLab.heardSamples());
  const truncate = peer.received[1]!;
  expect(peer.received[0]).toMatchObject({ type: 'response.cancel', response_id: 'resp_1' });
  expect(Math.abs((truncate.audio_end_ms as number) - heard / 24)).toBeLessThanOrEqual(1);
  // Deltas the server had in flight for the cut item never play.
  streamReply(peer, 'msg_reply', 3, true);
  await sleep(300);
  expect(await page.evaluate(() => window.wsLab.heardSamples())).toBe(heard);
  await page.evaluate(() => window.wsLab.close());
});

test('mic up: the capture worklet streams the fake mic as 50 ms appends, about 64 KB per second on the wire', async ({
  page,
}) => {
  await open(page);
  expect(
    await page.evaluate((base) => window.wsLab.connect({ apiBaseUrl: `${base}/v1`, secret: 'ek_mic' }), origin),
  ).toBeNull();
  const peer = peers[0]!;
  await page.evaluate(() => window.wsLab.startMic());
  await sleep(2500);
  const { sentSamples, droppedSamples } = await page.evaluate(() => window.wsLab.stopMic());
  await expect.poll(() => peer.received.length).toBeGreaterThan(0);
  await sleep(100);
  const appends = peer.received.filter((e) => e.type === 'input_audio_buffer.append');
  const samples = appends.reduce((n, e) => n + base64ToPcm16(e.audio as string).length, 0);
  const seconds = samples / 24000;
  const bytesPerSecond = peer.bytes / seconds;
  console.log(
    `mic up: ${appends.length} appends, ${seconds.toFixed(2)} s of audio, ${Math.round(bytesPerSecond)} B/s of payload`,
  );
  expect(samples).toBe(sentSamples);
  expect(droppedSamples).toBe(0);
  expect(seconds).toBeGreaterThan(1.5);
  // Every full append is 50 ms; only the flushed last one may be shorter.
  expect(appends.slice(0, -1).every((e) => base64ToPcm16(e.audio as string).length === 1200)).toBe(true);
  // 48,000 B/s of PCM16 is 64,000 B/s in base64, plus about 47 bytes of JSON per append.
  expect(bytesPerSecond).toBeGreaterThan(64000);
  expect(bytesPerSecond).toBeLessThan(66000);
  // The speech WAV is not silence.
  const loud = appends.some((e) => base64ToPcm16(e.audio as string).some((v) => Math.abs(v) > 1000));
  expect(loud).toBe(true);
  await page.evaluate(() => window.wsLab.close());
});
