import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { scenario, startRealtimeEmulator, type RealtimeEmulator } from '../../entries/testing.js';
import { readWav } from '../../../test/support/rtcClient.js';
import { to24k } from '../../../test/support/wsClient.js';
import type { OutputAudioEvent } from './createWebSocketAudio.js';
import { websocketSessionTransport } from './websocketSessionTransport.js';

// The WebSocket transport of a translation session in Node against the emulator: the app's PCM goes up as
// `session.input_audio_buffer.append`, the translated speech comes back as `output_audio` events.

let emulator: RealtimeEmulator;
beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterAll(() => emulator.close());

describe('websocketSessionTransport, translation', () => {
  it('appends 200 ms frames with session.input_audio_buffer.append; session.output_audio.delta comes out as output_audio', async () => {
    emulator.setScenario(scenario().translates('Good morning.', { es: 'Buenos días.' }));
    const transport = websocketSessionTransport({
      apiBaseUrl: emulator.apiBaseUrl,
      fetch: null,
      RTCPeerConnection: null,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      AudioContext: null,
      sessionKind: 'translation',
    });
    const output: OutputAudioEvent[] = [];
    const transcripts: string[] = [];
    transport.on('output_audio', (event) => output.push(event));
    transport.on('message', (raw) => {
      const event = JSON.parse(raw) as { type: string; delta?: string };
      if (event.type === 'session.output_transcript.delta') transcripts.push(event.delta!);
    });
    try {
      await transport.connect('sk-test', new AbortController().signal);
      const speech = to24k(readWav(new URL('../../../e2e/fixtures/speech.wav', import.meta.url)));
      const padded = new Int16Array(speech.length + 24000);
      padded.set(speech);
      for (let i = 0; i < padded.length; i += 4800) {
        transport.media!.appendInputAudio!(padded.subarray(i, i + 4800));
        await new Promise((r) => setTimeout(r, 20));
      }
      await expect.poll(() => transcripts.join(''), { timeout: 10_000 }).toBe('Buenos días.');
      await expect
        .poll(() => output.reduce((n, o) => n + o.samples.length, 0), { timeout: 10_000 })
        .toBeGreaterThan(2400);
      expect(output.every((o) => o.itemId === 'translation_0' && o.sampleRate === 24000)).toBe(true);
      const [call] = emulator.calls.list();
      const appends = emulator.calls.clientEvents(call!.id) as Array<{ type: string; audio?: string }>;
      expect(new Set(appends.map((e) => e.type))).toEqual(new Set(['session.input_audio_buffer.append']));
      // OpenAI's translation sessions take 200 ms frames: 4 800 samples, 9 600 bytes, 12 800 base64 characters (the
      // emulator's log keeps audio as its length).
      expect(appends.map((e) => e.audio)).toEqual(appends.map(() => '<12800 characters>'));
    } finally {
      transport.close();
    }
  }, 20_000);
});
