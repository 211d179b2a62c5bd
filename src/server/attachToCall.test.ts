// attachToCall against the emulator over real sockets: a WebRTC call (werift) with no tools, and a server-side
// session on its sideband that owns the tool, runs it and sends the output back; hangup ends both.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { RtcClient } from '../../test/support/rtcClient.js';
import { connectedClient } from '../../test/support/rtcClient.js';
import { scenario, startRealtimeEmulator, type RealtimeEmulator } from '../entries/testing.js';
import { hangupCall } from './callControl.js';
import { attachToCall, type CallSession } from './attachToCall.js';

const API_KEY = 'sk-proj-SIDEBAND0123456789SECRET';
let emulator: RealtimeEmulator;
const clients: RtcClient[] = [];
const sessions: CallSession[] = [];

beforeAll(async () => {
  // The emulator notices a vanished browser after this much silence from its peer, as OpenAI does after a while.
  emulator = await startRealtimeEmulator({ livenessTimeoutMs: 4_000 });
});
afterEach(async () => {
  emulator.setScenario(scenario());
  for (const s of sessions.splice(0)) s.close();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(() => emulator.close());

const attach = async (callId: string, options: Parameters<typeof attachToCall>[1] = {}) => {
  const session = await attachToCall(callId, {
    apiKey: API_KEY,
    apiBaseUrl: emulator.apiBaseUrl,
    WebSocket,
    ...options,
  });
  sessions.push(session);
  return session;
};

describe('attachToCall', () => {
  it('runs a server-only tool on the sideband and the model speaks its result', async () => {
    emulator.setScenario(scenario().callFunction('lookup_order', { order: '42' }).reply('Your order is {output}.'));
    const browser = await connectedClient(emulator.apiBaseUrl, clients);
    const ran: unknown[] = [];
    const events: string[] = [];
    const session = await attach(browser.callId, {
      instructions: 'You help with orders.',
      tools: [
        {
          name: 'lookup_order',
          parameters: { type: 'object', properties: { order: { type: 'string' } } },
          handler: (args) => (ran.push(args), 'shipped'),
        },
      ],
      onEvent: (e) => events.push(e.type),
    });
    const config = emulator.calls.get(browser.callId)!.session as {
      instructions: string;
      tools: Array<{ name: string }>;
    };
    expect(config.instructions).toBe('You help with orders.');
    expect(config.tools.map((t) => t.name)).toEqual(['lookup_order']);

    browser.send({ type: 'response.create' });
    const spoken = await browser.waitFor(
      (e) => e.type === 'response.output_audio_transcript.done' && e.transcript === 'Your order is shipped.',
      8000,
    );
    expect(spoken).toBeTruthy();
    expect(ran).toEqual([{ order: '42' }]);
    expect(session.getToolCalls().map((c) => [c.name, c.status])).toEqual([['lookup_order', 'completed']]);
    // The output went up the sideband, not the browser's channel.
    expect(emulator.calls.clientEvents(browser.callId, 'conversation.item.create')).toHaveLength(1);
    expect(events).not.toContain('session.created');
    expect(events).not.toContain('response.output_audio.delta');
  });

  it('updates instructions; hangup ends the call and the sideband with call_ended', async () => {
    const browser = await connectedClient(emulator.apiBaseUrl, clients);
    const session = await attach(browser.callId, { livenessIntervalMs: false });
    session.updateInstructions('Wrap up now.');
    await expect.poll(() => emulator.calls.get(browser.callId)?.session.instructions).toBe('Wrap up now.');
    await session.hangup();
    expect((await session.ended).code).toBe('call_ended');
    expect(emulator.calls.get(browser.callId)).toBeUndefined();
    expect(session.store.getState().status).toBe('closed');
  });

  it('a browser hang-up ends the sideband within a bounded time', async () => {
    const browser = await connectedClient(emulator.apiBaseUrl, clients);
    const session = await attach(browser.callId, { livenessIntervalMs: 200, livenessTimeoutMs: 300 });
    const t0 = performance.now();
    await browser.close();
    const error = await session.ended;
    const ms = performance.now() - t0;
    console.log(`browser hang-up -> sideband ended: ${ms.toFixed(0)} ms`);
    expect(error.code).toBe('call_ended');
    expect(ms).toBeLessThan(20_000);
  }, 25_000);

  it('when the call ends but the sideband stays open (openai-agents-js#684), the liveness probe ends it', async () => {
    const quiet = await startRealtimeEmulator({ sidebandsOutliveCalls: true });
    const open: RtcClient[] = [];
    try {
      const browser = await connectedClient(quiet.apiBaseUrl, open);
      const session = await attachToCall(browser.callId, {
        apiKey: API_KEY,
        apiBaseUrl: quiet.apiBaseUrl,
        WebSocket,
        livenessIntervalMs: 200,
        livenessTimeoutMs: 300,
      });
      const t0 = performance.now();
      quiet.calls.hangup(browser.callId);
      const error = await session.ended;
      const ms = performance.now() - t0;
      console.log(`call ended, sideband left open -> probe ended it: ${ms.toFixed(0)} ms`);
      expect(error.code).toBe('call_ended');
      expect(error.message).toMatch(/liveness probe/);
      expect(ms).toBeLessThan(1_500);
    } finally {
      await Promise.all(open.map((c) => c.close()));
      await quiet.close();
    }
  });

  it('hangupCall ends this process’s sideband at once, even when the socket stays open and no probe runs', async () => {
    const quiet = await startRealtimeEmulator({ sidebandsOutliveCalls: true });
    const open: RtcClient[] = [];
    try {
      const browser = await connectedClient(quiet.apiBaseUrl, open);
      const session = await attachToCall(browser.callId, {
        apiKey: API_KEY,
        apiBaseUrl: quiet.apiBaseUrl,
        WebSocket,
        livenessIntervalMs: false,
      });
      await hangupCall(browser.callId, { apiKey: API_KEY, apiBaseUrl: quiet.apiBaseUrl });
      const error = await session.ended;
      expect(error.code).toBe('call_ended');
      expect(error.message).toContain('hung up by the server');
      expect(session.store.getState().status).toBe('closed');
    } finally {
      await Promise.all(open.map((c) => c.close()));
      await quiet.close();
    }
  });

  it('refuses a bad call id, a missing key and an unknown call, with the key redacted', async () => {
    await expect(attachToCall('../x', { apiKey: API_KEY })).rejects.toMatchObject({ code: 'invalid_request' });
    await expect(attachToCall('rtc_1', { apiKey: '' })).rejects.toMatchObject({ code: 'missing_api_key' });
    const error = await attachToCall('rtc_missing', {
      apiKey: API_KEY,
      apiBaseUrl: emulator.apiBaseUrl,
      WebSocket,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).not.toContain('SIDEBAND');
  });
});
