import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { concat, readWav, silence } from '../../test/support/rtcClient.js';
import { WsClient, to24k } from '../../test/support/wsClient.js';
import { pcm16ToBase64 } from '../audio/base64.js';
import { selectCaptions } from '../core/captions/reduceCaptions.js';
import { scenario, startRealtimeEmulator, type RealtimeEmulator } from '../entries/testing.js';
import { createTranscriptionSession } from '../session/createTranscriptionSession.js';
import { createRealtimeRelay, type RealtimeRelay, type RealtimeRelayOptions } from './createRealtimeRelay.js';

// A relay per session kind, on a real Node http server in front of the emulator; the browser side is a bare
// client that sends what createTranscriptionSession / createTranslationSession send, with no key at all.

const KEY = 'sk-relay-kinds-0123456789';
const speech = to24k(concat(readWav(new URL('../../e2e/fixtures/speech.wav', import.meta.url)), silence(600)));
let emulator: RealtimeEmulator;
let server: Server | null = null;
let relay: RealtimeRelay | null = null;
const clients: WsClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  relay?.close();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
  emulator.setScenario(scenario());
});
afterAll(() => emulator.close());

/** Starts a public relay on `path`; resolves with its origin. */
async function startRelay(path: string, options: RealtimeRelayOptions): Promise<string> {
  relay = createRealtimeRelay({ apiKey: KEY, apiBaseUrl: emulator.apiBaseUrl, authorize: 'public', path, ...options });
  server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', relay);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A bare client connected through a public relay on `path`. */
async function through(path: string, options: RealtimeRelayOptions): Promise<WsClient> {
  const client = await WsClient.open(await startRelay(path, options), {}, '', path);
  clients.push(client);
  return client;
}

describe('createRealtimeRelay, per session kind', () => {
  it("kind 'transcription': ?intent=transcription upstream, the server's config applied, the browser's audio transcribed", async () => {
    emulator.setScenario(scenario().hears('Take a note: buy milk.'));
    const client = await through('/transcribe', {
      kind: 'transcription',
      session: { audio: { input: { transcription: { model: 'gpt-4o-transcribe', language: 'en' } } } },
    });
    expect((await client.waitFor('session.created')).session).toMatchObject({ type: 'transcription' });
    expect((await client.waitFor('session.updated')).session).toMatchObject({
      type: 'transcription',
      audio: { input: { transcription: { model: 'gpt-4o-transcribe', language: 'en' } } },
    });
    await client.appendAudio(speech, 100);
    const completed = await client.waitFor('conversation.item.input_audio_transcription.completed', 8000);
    expect(completed.transcript).toBe('Take a note: buy milk.');
    expect(client.types().some((t) => t.startsWith('response.'))).toBe(false);
    // The guarded fields hold here too: the browser may not pick the model the server pays for.
    client.send({ type: 'session.update', event_id: 'evt_m', session: { type: 'transcription', model: 'x' } });
    const refused = await client.waitFor((e) => e.type === 'error' && e.error !== undefined);
    expect(refused.error).toMatchObject({ code: 'relay_refused', param: 'session.model', event_id: 'evt_m' });
  }, 20_000);

  it("kind 'translation': /v1/realtime/translations upstream with the model, the server's language, switched live", async () => {
    emulator.setScenario(scenario().translates('Good morning.', { es: 'Buenos días.', de: 'Guten Morgen.' }));
    const client = await through('/translate', {
      kind: 'translation',
      model: 'gpt-realtime-translate',
      session: { audio: { output: { language: 'es' } } },
    });
    expect((await client.waitFor('session.created')).session).toMatchObject({ type: 'translation' });
    expect((await client.waitFor('session.updated')).session).toMatchObject({ audio: { output: { language: 'es' } } });
    // The live language switch is the browser's to make (createTranslationSession's setOutputLanguage).
    client.send({ type: 'session.update', session: { audio: { output: { language: 'de' } } } });
    await client.waitFor((e) => e.type === 'session.updated' && JSON.stringify(e).includes('"language":"de"'));
    await client.appendAudio(speech, 200, 0, 'session.input_audio_buffer.append');
    await client.waitFor((e) => e.type === 'session.output_transcript.delta' && e.delta === ' Morgen.', 10_000);
    expect((await client.waitFor('session.output_audio.delta', 10_000)).format).toBe('pcm16');
  }, 20_000);

  it('createTranscriptionSession with relayUrl and no key: captions through a transcription relay', async () => {
    emulator.setScenario(scenario().hears('Captions through the relay.'));
    const origin = await startRelay('/captions', { kind: 'transcription' });
    const session = createTranscriptionSession({
      transport: 'websocket',
      relayUrl: `${origin.replace(/^http/, 'ws')}/captions`,
      WebSocket,
    });
    try {
      await session.connect();
      for (let i = 0; i < speech.length; i += 2400)
        session.send({ type: 'input_audio_buffer.append', audio: pcm16ToBase64(speech.subarray(i, i + 2400)) });
      await expect
        .poll(() => selectCaptions(session.getCaptions()).map((c) => [c.text, c.status]), { timeout: 8000 })
        .toEqual([['Captions through the relay.', 'final']]);
    } finally {
      await session.disconnect();
    }
  }, 20_000);

  it('an unknown kind is refused when the relay is made, saying what is allowed', () => {
    expect(() => createRealtimeRelay({ kind: 'dictation' as never })).toThrow(
      /kind must be 'realtime', 'transcription' or 'translation'; got "dictation"/,
    );
  });
});
