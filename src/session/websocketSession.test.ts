import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { scenario, startRealtimeEmulator, type RealtimeEmulator } from '../entries/testing.js';
import { selectTranscript } from '../core/state/selectors.js';
import { readWav } from '../../test/support/rtcClient.js';
import { to24k } from '../../test/support/wsClient.js';
import type { OutputAudioEvent } from '../transport/websocket/createWebSocketAudio.js';
import { createRealtimeSession } from './createRealtimeSession.js';
import type { RealtimeSession, RealtimeSessionOptions } from './types.js';

// createRealtimeSession({ transport: 'websocket', apiKey, WebSocket }) in plain Node against the emulator's
// WebSocket endpoint: no browser global, audio in as PCM through appendInputAudio, out as output_audio events.

let emulator: RealtimeEmulator;
let session: RealtimeSession | null = null;
beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  await session?.disconnect();
  session = null;
  emulator.setScenario(scenario());
});
afterAll(() => emulator.close());

function open(audio?: RealtimeSessionOptions['audio']): { session: RealtimeSession; output: OutputAudioEvent[] } {
  const output: OutputAudioEvent[] = [];
  session = createRealtimeSession({
    transport: 'websocket',
    apiKey: 'sk-test-node',
    apiBaseUrl: emulator.apiBaseUrl,
    WebSocket,
    ...(audio ? { audio } : {}),
  });
  session.on('output_audio', (event) => output.push(event));
  return { session, output };
}

const transcript = (s: RealtimeSession) => selectTranscript(s.store.getState()).map((e) => [e.role, e.text]);

describe('a Node session over WebSocket', () => {
  it('holds a text turn: the reply streams as output_audio (PCM16 24 kHz) and lands in the transcript', async () => {
    emulator.setScenario(scenario().reply('Hello from the socket.'));
    const { session: s, output } = open();
    await s.connect();
    expect(s.store.getState().status).toBe('connected');
    const [call] = emulator.calls.list();
    expect(call).toMatchObject({ transport: 'websocket' });
    s.sendText('Hi');
    await expect
      .poll(() => transcript(s), { timeout: 8000 })
      .toEqual([
        ['user', 'Hi'],
        ['assistant', 'Hello from the socket.'],
      ]);
    await expect.poll(() => s.store.getState().activeResponseId, { timeout: 8000 }).toBeNull();
    expect(output.length).toBeGreaterThan(0);
    expect(output.every((o) => o.sampleRate === 24000 && o.samples instanceof Int16Array)).toBe(true);
    const samples = output.reduce((n, o) => n + o.samples.length, 0);
    expect(samples / 24000).toBeGreaterThan(0.5);
  }, 15_000);

  it('holds a PCM audio turn: appendInputAudio feeds server VAD, the user entry is transcribed, the reply follows', async () => {
    emulator.setScenario(scenario().hears('What is the weather in Paris?').reply('It is sunny today.'));
    const { session: s, output } = open();
    await s.connect();
    s.updateSession({ audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } } });
    const speech = to24k(readWav(new URL('../../e2e/fixtures/speech.wav', import.meta.url)));
    // A phone line's 20 ms frames, a little faster than real time.
    for (let i = 0; i < speech.length; i += 480) {
      s.appendInputAudio(speech.subarray(i, i + 480));
      if (i % 4800 === 0) await new Promise((r) => setTimeout(r, 20));
    }
    // Trailing silence so server VAD hears the turn end.
    for (let i = 0; i < 40; i++) s.appendInputAudio(new Int16Array(480));
    await expect
      .poll(() => transcript(s), { timeout: 10_000 })
      .toEqual([
        ['user', 'What is the weather in Paris?'],
        ['assistant', 'It is sunny today.'],
      ]);
    expect(output.length).toBeGreaterThan(0);
    const call = emulator.calls.list()[0]!;
    // Every sample arrives, in 50 ms appends (the uplink re-chunks the 20 ms frames).
    const appended = () => emulator.calls.clientEvents(call.id, 'input_audio_buffer.append').length;
    await expect.poll(appended).toBe(Math.floor((speech.length + 40 * 480) / 1200));
  }, 20_000);

  it("the transport's own interruption events (response.cancel) reach client_event and the store's event log", async () => {
    emulator.setScenario(
      scenario().reply('A long reply that keeps streaming for a while, so that it can be cut off before it ends.'),
    );
    const { session: s, output } = open();
    const sent: string[] = [];
    s.on('client_event', (event) => sent.push(event.type));
    await s.connect();
    s.sendText('Talk to me');
    await expect.poll(() => output.length, { timeout: 8000 }).toBeGreaterThan(0);
    expect(s.store.getState().activeResponseId).not.toBeNull();
    s.interrupt();
    // Sent by the transport itself (the session's interrupt() hands over to media.interruptOutput).
    await expect.poll(() => sent, { timeout: 4000 }).toContain('response.cancel');
    const logged = s.store.eventLog
      .toArray()
      .filter((e) => e.direction === 'client')
      .map((e) => e.type);
    expect(logged).toContain('response.cancel');
    // Reported once, and the mic's appends never (this session sent none either way).
    expect(sent.filter((t) => t === 'response.cancel')).toHaveLength(1);
    expect(logged).not.toContain('input_audio_buffer.append');
    const call = emulator.calls.list()[0]!;
    await expect.poll(() => emulator.calls.clientEvents(call.id, 'response.cancel').length).toBe(1);
  }, 15_000);

  it('the app says what it played (audio.playedMs): an interruption truncates the reply there', async () => {
    emulator.setScenario(
      scenario().reply('A long reply that keeps streaming for a while, so that it can be cut off before it ends.'),
    );
    const asked: string[] = [];
    // A phone line that has played 180 ms of the reply so far, however much has arrived.
    const { session: s, output } = open({
      playedMs: (itemId) => {
        asked.push(itemId);
        return 180;
      },
    });
    await s.connect();
    s.sendText('Talk to me');
    await expect.poll(() => output.length, { timeout: 8000 }).toBeGreaterThan(2);
    s.interrupt();
    const call = emulator.calls.list()[0]!;
    await expect
      .poll(() => emulator.calls.clientEvents(call.id, 'conversation.item.truncate'), { timeout: 4000 })
      .toEqual([expect.objectContaining({ item_id: output[0]!.itemId, content_index: 0, audio_end_ms: 180 })]);
    expect(asked).toEqual([output[0]!.itemId]);
  }, 15_000);

  it('appendInputAudio before connect() is a clear not_connected error', () => {
    const { session: s } = open();
    expect(() => s.appendInputAudio(new Int16Array(10))).toThrow(expect.objectContaining({ code: 'not_connected' }));
  });
});
