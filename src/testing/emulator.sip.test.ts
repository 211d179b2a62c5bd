// A simulated incoming SIP call on the emulator, driven by the server's own pieces: the signed webhook is
// verified with unwrapWebhook, the call accepted with acceptCall, watched on a sideband socket, and referred.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listenLocally } from '../../test/support/localServer.js';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { CallControlError, acceptCall, hangupCall, referCall, rejectCall, unwrapWebhook } from '../entries/server.js';
import { WsClient } from '../../test/support/wsClient.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let emulator: RealtimeEmulator;
let app: Server;
let webhookUrl: string;
const delivered: Array<{ call_id: string }> = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator({
    scenario: scenario().hears('I would like to talk to sales.').reply('Putting you through to sales.'),
  });
  app = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      try {
        const event = unwrapWebhook<{ type: string; data: { call_id: string } }>(body, req.headers, { secret: SECRET });
        delivered.push(event.data);
        res.writeHead(200).end();
      } catch {
        res.writeHead(400).end();
      }
    });
  });
  webhookUrl = `${await listenLocally(app)}/webhook`;
});
afterAll(async () => {
  await closeServer(app);
  await emulator.close();
});

const control = {
  apiKey: 'sk-test',
  get apiBaseUrl() {
    return emulator.apiBaseUrl;
  },
};

describe('simulated incoming SIP call', () => {
  it('webhook -> accept -> the caller is answered -> DTMF -> refer ends the call', async () => {
    const ringing = await emulator.sip.incoming({ webhookUrl, secret: SECRET, dtmf: '42' });
    expect(ringing).toMatchObject({ state: 'ringing', webhook: { status: 200 } });
    expect(delivered.at(-1)?.call_id).toBe(ringing.callId);
    const sideband = await WsClient.open(emulator.url, { bearer: 'sk-test' }, `call_id=${ringing.callId}`);
    await acceptCall(
      ringing.callId,
      { instructions: 'Route callers.', audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } } },
      control,
    );
    expect(emulator.sip.get(ringing.callId)?.state).toBe('accepted');
    expect(emulator.calls.get(ringing.callId)?.session.instructions).toBe('Route callers.');
    const heard = await sideband.waitFor('conversation.item.input_audio_transcription.completed', 8000);
    expect(heard.transcript).toBe('I would like to talk to sales.');
    const answer = await sideband.waitFor('response.output_audio_transcript.done', 8000);
    expect(answer.transcript).toBe('Putting you through to sales.');
    const keys = [await sideband.waitFor('input_audio_buffer.dtmf_event_received', 8000)];
    keys.push(await sideband.waitFor((e) => e.type === 'input_audio_buffer.dtmf_event_received' && e !== keys[0]));
    expect(keys.map((k) => k.event)).toEqual(['4', '2']);
    await referCall(ringing.callId, { target_uri: 'sip:sales@example.com' }, control);
    expect(await sideband.waitForClose()).toBe(1000);
    expect(emulator.sip.get(ringing.callId)).toMatchObject({
      state: 'referred',
      referredTo: 'sip:sales@example.com',
      dtmfSent: '42',
    });
    expect(emulator.calls.get(ringing.callId)).toBeUndefined();
  });

  it('reject ends a ringing call with its status; a bad webhook secret is refused by the app', async () => {
    const ringing = await emulator.sip.incoming({ webhookUrl, secret: SECRET });
    await rejectCall(ringing.callId, { status_code: 486 }, control);
    expect(emulator.sip.get(ringing.callId)).toMatchObject({ state: 'rejected', statusCode: 486 });
    const forged = await emulator.sip.incoming({
      webhookUrl,
      secret: 'whsec_' + Buffer.from('another secret of 24 bytes').toString('base64'),
    });
    expect(forged.webhook).toEqual({ status: 400 });
    const answered = await emulator.sip.incoming({ webhookUrl, secret: SECRET });
    await acceptCall(answered.callId, { instructions: 'Hi.' }, control);
    await hangupCall(answered.callId, control);
    expect(emulator.sip.get(answered.callId)?.state).toBe('ended');
    const gone = await hangupCall(answered.callId, control).catch((e: unknown) => e);
    expect(gone).toBeInstanceOf(CallControlError);
    expect((gone as CallControlError).code).toBe('call_not_found');
    await expect(emulator.sip.incoming({ webhookUrl: 'http://example.com/hook', secret: SECRET })).rejects.toThrow(
      /this machine/,
    );
  });
});
