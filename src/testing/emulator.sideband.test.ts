// The Calls API on the emulator: a server attaches to a running WebRTC call with `?call_id=`, sees its events
// (no audio deltas, no session.created), answers a tool call and updates the session; /hangup ends both.
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
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  emulator.setScenario(scenario());
  for (const s of sockets.splice(0)) s.close();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => emulator.close());

const control = (callId: string, action: string, body?: unknown, key = 'sk-test') =>
  fetch(`${emulator.apiBaseUrl}/realtime/calls/${callId}/${action}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

describe('sideband (?call_id=)', () => {
  it('mirrors the call, takes tool outputs and session updates, and closes on /hangup', async () => {
    emulator.setScenario(scenario().callFunction('lookup_order', { order: '42' }).reply('Your order says {output}.'));
    const browser = await connectedClient(emulator.apiBaseUrl, clients);
    const server = await WsClient.open(emulator.url, { bearer: 'sk-test' }, `call_id=${browser.callId}`);
    sockets.push(server);

    server.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Server rules.' } });
    const updated = await server.waitFor('session.updated');
    expect((updated.session as { instructions: string }).instructions).toBe('Server rules.');
    expect(emulator.calls.get(browser.callId)?.session.instructions).toBe('Server rules.');

    browser.send({ type: 'response.create' });
    const call = await server.waitFor((e) => e.type === 'response.function_call_arguments.done');
    server.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: call.call_id, output: '"shipped"' },
    });
    server.send({ type: 'response.create' });
    const done = await server.waitFor((e) => e.type === 'response.output_audio_transcript.done');
    expect(done.transcript).toBe('Your order says "shipped".');
    // The browser sees the same conversation, including the output the server added.
    await browser.waitFor(
      (e) => e.type === 'response.output_audio_transcript.done' && e.transcript === done.transcript,
      8000,
    );
    await server.waitFor('output_audio_buffer.started');
    expect(server.types()).not.toContain('session.created');
    expect(server.types()).not.toContain('response.output_audio.delta');

    const hung = await control(browser.callId, 'hangup');
    expect(hung.status).toBe(200);
    expect(await server.waitForClose()).toBe(1000);
    expect(emulator.calls.get(browser.callId)).toBeUndefined();
  });

  it('refuses a client secret, an unknown call and a second target', async () => {
    const browser = await connectedClient(emulator.apiBaseUrl, clients);
    await expect(WsClient.open(emulator.url, { bearer: 'ek_abc' }, `call_id=${browser.callId}`)).rejects.toMatchObject({
      status: 401,
    });
    await expect(WsClient.open(emulator.url, { bearer: 'sk-test' }, 'call_id=rtc_nope')).rejects.toMatchObject({
      status: 404,
    });
    const both = await WsClient.open(
      emulator.url,
      { bearer: 'sk-test' },
      `call_id=${browser.callId}&model=gpt-realtime`,
    );
    sockets.push(both);
    const error = await both.waitFor('error');
    expect((error.error as { code: string }).code).toBe('invalid_value');
  });
});

describe('call control on the emulator', () => {
  it('answers accept, reject and refer on a WebRTC call with 400 and unknown calls with 404', async () => {
    const browser = await connectedClient(emulator.apiBaseUrl, clients);
    for (const action of ['accept', 'reject', 'refer']) {
      const res = await control(
        browser.callId,
        action,
        action === 'refer' ? { target_uri: 'tel:+1555' } : { type: 'realtime' },
      );
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_call_state');
    }
    expect((await control('rtc_missing', 'hangup')).status).toBe(404);
    expect((await control(browser.callId, 'hangup', undefined, 'ek_123')).status).toBe(401);
    expect(emulator.calls.get(browser.callId)?.state).toBe('open');
    expect((await control(browser.callId, 'hangup')).status).toBe(200);
    expect(emulator.calls.get(browser.callId)).toBeUndefined();
  });
});
