// Calls whose peer vanished, and honest sending over the data channel. Before: a vanished peer's call stayed open
// for ever, an event over the channel's max-message-size was dropped with no word to the client, and raw sends were
// reported as sent while still queued.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import type { RtcClient } from '../../test/support/rtcClient.js';
import { connectedClient } from '../../test/support/rtcClient.js';
import { WsClient } from '../../test/support/wsClient.js';

let emulator: RealtimeEmulator;
const clients: RtcClient[] = [];
const sockets: WsClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator({ livenessTimeoutMs: 10_000 });
});
afterEach(async () => {
  emulator.setScenario(scenario());
  sockets.splice(0).forEach((s) => s.close());
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => emulator.close());

/** The peer goes silent without hanging up: its ICE connection sends nothing more (a closed laptop, a dead tab). */
function vanish(client: RtcClient): void {
  const silent = () => Promise.resolve();
  for (const transport of client.pc.iceTransports) {
    const connection = transport.connection as unknown as {
      send: typeof silent;
      protocols: Array<{ sendStun: typeof silent; sendData: typeof silent }>;
    };
    connection.send = silent;
    // ICE consent checks leave through the protocols directly.
    for (const protocol of connection.protocols) {
      protocol.sendStun = silent;
      protocol.sendData = silent;
    }
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (!check()) {
    if (performance.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return performance.now() - started;
}

describe('liveness', () => {
  it('ends a WebRTC call whose peer vanished, and keeps a quiet live one', async () => {
    const quiet = await connectedClient(emulator.apiBaseUrl, clients);
    const gone = await connectedClient(emulator.apiBaseUrl, clients);
    vanish(gone);
    const ms = await until(() => !emulator.calls.get(gone.callId), 15_000);
    console.log(`vanished WebRTC peer: call ended after ${ms.toFixed(0)} ms (timeout 10000 ms)`);
    expect(emulator.calls.get(quiet.callId)?.state).toBe('open');
    quiet.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Still here.' } });
    await quiet.waitFor('session.updated');
  }, 25_000);

  it('ends a WebSocket call whose client stops answering pings, and keeps a quiet live one', async () => {
    const fast = await startRealtimeEmulator({ livenessTimeoutMs: 1_500 });
    try {
      const quiet = await WsClient.open(fast.url);
      const gone = await WsClient.open(fast.url);
      sockets.push(quiet, gone);
      await Promise.all([quiet.waitFor('session.created'), gone.waitFor('session.created')]);
      const [quietId, goneId] = fast.calls.list().map((c) => c.id);
      // Reading stops, so pings go unanswered: what a peer behind a dead network looks like.
      (gone.ws as unknown as { _socket: { pause(): void } })._socket.pause();
      await until(() => fast.calls.list().length === 1, 5_000);
      expect(fast.calls.list().map((c) => c.id)).toEqual([quietId]);
      expect(goneId).not.toBe(quietId);
      await new Promise((r) => setTimeout(r, 1_800));
      expect(fast.calls.get(quietId!)?.state).toBe('open');
    } finally {
      await fast.close();
    }
  });
});

describe('honest sending over the data channel', () => {
  it('an event larger than the peer accepts becomes a clear error event, and the call goes on', async () => {
    emulator.setScenario(scenario().callFunction('store', { blob: 'x'.repeat(100_000) }));
    const client = await connectedClient(emulator.apiBaseUrl, clients, { output_modalities: ['text'] });
    client.send({ type: 'response.create' });
    const error = await client.waitFor(
      (e) => e.type === 'error' && (e.error as { code: string }).code === 'event_too_large',
    );
    // The werift client offers the default max-message-size of 64 KiB.
    expect((error.error as { message: string }).message).toMatch(
      /'response\.function_call_arguments\.done' \(\d+ bytes\) is larger than the webrtc channel carries \(65536 bytes\)/,
    );
    expect(client.types()).toContain('response.function_call_arguments.delta');
    client.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Still here.' } });
    await client.waitFor('session.updated');
  });

  it('raw sends wait for the channel: when the control route answers, the messages have left', async () => {
    const client = await connectedClient(emulator.apiBaseUrl, clients);
    const received: string[] = [];
    client.channel.onMessage.subscribe((d) => received.push(String(d)));
    const messages = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({ type: 'emulator.filler', i, pad: 'p'.repeat(4_500) }),
    );
    const res = await fetch(`${emulator.url}/__emulator/calls/${client.callId}/send`, {
      method: 'POST',
      body: JSON.stringify(messages),
    });
    expect(await res.json()).toEqual({ sent: 200 });
    const arrivedBeforeAnswer = received.length;
    console.log(`raw send of 200 x 4.5 KB: ${arrivedBeforeAnswer} had arrived when the route answered`);
    // At most the high-water mark (256 KiB, 57 of these) may still be in flight when the route answers.
    expect(arrivedBeforeAnswer).toBeGreaterThanOrEqual(200 - 60);
    await until(() => received.length === 200, 10_000);
    const tooBig = await fetch(`${emulator.url}/__emulator/calls/${client.callId}/send`, {
      method: 'POST',
      body: JSON.stringify(['y'.repeat(70_000)]),
    });
    expect(await tooBig.json()).toEqual({ sent: 0 });
  }, 20_000);
});
