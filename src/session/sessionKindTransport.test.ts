import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { pcm16ToBase64 } from '../audio/base64.js';
import { selectCaptions } from '../core/captions/reduceCaptions.js';
import { scenario, startRealtimeEmulator, type RealtimeEmulator } from '../entries/testing.js';
import { readWav } from '../../test/support/rtcClient.js';
import { to24k } from '../../test/support/wsClient.js';
import { createRealtimeSession } from './createRealtimeSession.js';
import { createTranscriptionSession } from './createTranscriptionSession.js';
import { createTranslationSession } from './createTranslationSession.js';

// Which socket each kind of session opens, in Node against the emulator's WebSocket endpoint: the URL comes from
// the session kind and the minted secret, and the emulator serves each kind only at its own URL.

const urls: string[] = [];
class RecordingWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    urls.push(String(args[0]));
  }
}

let emulator: RealtimeEmulator;
const cleanups: Array<() => Promise<void>> = [];
beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  urls.length = 0;
  emulator.setScenario(scenario());
});
afterAll(() => emulator.close());

const path = (url: string) => url.slice(url.indexOf('/v1/'));
// The newest call: the previous test's may not have seen its socket close yet.
const latest = () => emulator.calls.list().at(-1);

describe('session kinds over WebSocket', () => {
  it('transcription: ?intent=transcription, no model; appended speech becomes a final caption', async () => {
    emulator.setScenario(scenario().hears('Captions over a socket.'));
    const session = createTranscriptionSession({
      transport: 'websocket',
      apiKey: 'sk-test',
      apiBaseUrl: emulator.apiBaseUrl,
      WebSocket: RecordingWebSocket,
    });
    cleanups.push(() => session.disconnect());
    await session.connect();
    expect(urls.map(path)).toEqual(['/v1/realtime?intent=transcription']);
    expect(latest()).toMatchObject({ transport: 'websocket', session: { type: 'transcription' } });
    const speech = to24k(readWav(new URL('../../e2e/fixtures/speech.wav', import.meta.url)));
    const padded = new Int16Array(speech.length + 24000);
    padded.set(speech);
    for (let i = 0; i < padded.length; i += 2400) {
      session.send({ type: 'input_audio_buffer.append', audio: pcm16ToBase64(padded.subarray(i, i + 2400)) });
      if (i % 24000 === 0) await new Promise((r) => setTimeout(r, 10));
    }
    await expect
      .poll(() => selectCaptions(session.getCaptions()).map((e) => [e.status, e.text]), { timeout: 10_000 })
      .toEqual([['final', 'Captions over a socket.']]);
    expect(session.store.getState().agentState).not.toBe('thinking');
  }, 20_000);

  it('translation: /realtime/translations?model=gpt-realtime-translate', async () => {
    const session = createTranslationSession({
      transport: 'websocket',
      apiKey: 'sk-test',
      apiBaseUrl: emulator.apiBaseUrl,
      WebSocket: RecordingWebSocket,
    });
    cleanups.push(() => session.disconnect());
    await session.connect();
    expect(urls.map(path)).toEqual(['/v1/realtime/translations?model=gpt-realtime-translate']);
    expect(latest()).toMatchObject({ transport: 'websocket', session: { type: 'translation' } });
  });

  it("realtime: ?model= of the minted secret's session.model, else of the configured model", async () => {
    const mint = async (model: string | null): Promise<Response> => {
      const res = await fetch(`${emulator.apiBaseUrl}/realtime/client_secrets`, {
        method: 'POST',
        headers: { Authorization: 'Bearer sk-test', 'Content-Type': 'application/json' },
        body: JSON.stringify({ session: { type: 'realtime', ...(model ? { model } : {}) } }),
      });
      const body = (await res.json()) as { value: string; session: object };
      // A key endpoint that answers only the key (a custom one) leaves the configured model in force.
      return Response.json(model ? body : { value: body.value, expires_at: 1 });
    };
    for (const minted of ['gpt-realtime-mini', null]) {
      const session = createRealtimeSession({
        transport: 'websocket',
        clientSecretUrl: 'http://keys.test/realtime-session',
        model: 'gpt-configured',
        apiBaseUrl: emulator.apiBaseUrl,
        WebSocket: RecordingWebSocket,
        environment: { fetch: () => mint(minted) },
      });
      await session.connect();
      await session.disconnect();
    }
    expect(urls.map(path)).toEqual(['/v1/realtime?model=gpt-realtime-mini', '/v1/realtime?model=gpt-configured']);
  });
});
