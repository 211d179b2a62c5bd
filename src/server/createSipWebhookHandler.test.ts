// SIP end to end against the emulator: its signed webhook reaches the handler over HTTP, the app accepts with a
// session and attaches, the scripted caller's turn is answered, its DTMF arrives on the sideband, and a refer
// ends the call.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { closeServer, listenLocally } from '../../test/support/localServer.js';
import { scenario, startRealtimeEmulator, type RealtimeEmulator } from '../entries/testing.js';
import type { CallSession } from './attachToCall.js';
import { createSipWebhookHandler, type IncomingCall } from './createSipWebhookHandler.js';
import { toNodeListener } from './toNodeListener.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let emulator: RealtimeEmulator;
let app: Server;
let url: string;
let onIncomingCall: (call: IncomingCall) => Promise<void> = async () => undefined;
const errors: unknown[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator({
    scenario: scenario().hears('Sales, please.').reply('Transferring you to sales.'),
  });
  const handler = createSipWebhookHandler({
    secret: SECRET,
    apiKey: 'sk-test',
    apiBaseUrl: emulator.apiBaseUrl,
    onIncomingCall: (call) => onIncomingCall(call),
    onError: (error) => errors.push(error),
  });
  app = createServer(toNodeListener(handler));
  url = `${await listenLocally(app)}/sip`;
});
afterAll(async () => {
  await closeServer(app);
  await emulator.close();
});

describe('createSipWebhookHandler', () => {
  it('webhook -> accept -> the caller is answered -> DTMF seen -> refer -> call ended', async () => {
    const seen: string[] = [];
    const dtmf: string[] = [];
    let session: CallSession | undefined;
    const attached = new Promise<CallSession>((resolve, reject) => {
      onIncomingCall = async (call) => {
        try {
          expect(call.sipHeaders.find((h) => h.name === 'From')?.value).toContain('+14155550100');
          await call.accept({
            instructions: 'Route the caller.',
            audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } },
          });
          session = await call.attach({
            WebSocket,
            livenessIntervalMs: false,
            onEvent: (event) => {
              seen.push(event.type);
              if (event.type === 'input_audio_buffer.dtmf_event_received') dtmf.push(String(event.event));
            },
          });
          resolve(session);
        } catch (error) {
          reject(error instanceof Error ? error : new Error('onIncomingCall failed', { cause: error }));
        }
      };
    });
    const ringing = await emulator.sip.incoming({ webhookUrl: url, secret: SECRET, dtmf: '7#' });
    expect(ringing.webhook).toEqual({ status: 200 });
    const s = await attached;
    await expect.poll(() => dtmf.join(''), { timeout: 10_000 }).toBe('7#');
    const transcript = s.store.getState();
    expect(JSON.stringify(transcript)).toContain('Transferring you to sales.');
    expect(seen).toContain('conversation.item.input_audio_transcription.completed');
    await (
      await import('./callControl.js')
    ).referCall(s.callId, { target_uri: 'tel:+14155550123' }, { apiKey: 'sk-test', apiBaseUrl: emulator.apiBaseUrl });
    expect((await s.ended).code).toBe('call_ended');
    expect(emulator.sip.get(s.callId)).toMatchObject({ state: 'referred', referredTo: 'tel:+14155550123' });
    expect(errors).toEqual([]);
  });

  it('answers 400 to a forged or stale webhook and never calls onIncomingCall', async () => {
    let called = false;
    onIncomingCall = async () => {
      called = true;
    };
    const forged = await emulator.sip.incoming({
      webhookUrl: url,
      secret: 'whsec_' + Buffer.from('not the endpoint secret!').toString('base64'),
    });
    expect(forged.webhook).toEqual({ status: 400 });
    const res = await fetch(url, {
      method: 'POST',
      body: '{}',
      headers: { 'webhook-id': 'msg_1', 'webhook-timestamp': '1', 'webhook-signature': 'v1,AAAA' },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('timestamp_too_old');
    const bare = await fetch(url, { method: 'POST', body: '{}' });
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('missing_header');
    await new Promise((r) => setTimeout(r, 50));
    expect(called).toBe(false);
    errors.length = 0;
  });
});
