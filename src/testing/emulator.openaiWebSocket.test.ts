// OpenAI's own WebSocket client (agents-realtime's OpenAIRealtimeWebSocket, in Node with its `ws` shim) against the
// emulator's WebSocket endpoint: the emulator must be close enough to OpenAI for OpenAI's client to converse.
import { OpenAIRealtimeWebSocket } from '@openai/agents-realtime';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { readWav } from '../../test/support/rtcClient.js';
import { to24k } from '../../test/support/wsClient.js';

let emulator: RealtimeEmulator;
let transport: OpenAIRealtimeWebSocket | undefined;

beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(() => {
  transport?.close();
  transport = undefined;
  emulator.setScenario(scenario());
});
afterAll(() => emulator.close());

interface Seen {
  types: string[];
  audioBytes: number;
  errors: unknown[];
}

async function connect(): Promise<{ client: OpenAIRealtimeWebSocket; seen: Seen }> {
  const client = new OpenAIRealtimeWebSocket();
  transport = client;
  const seen: Seen = { types: [], audioBytes: 0, errors: [] };
  client.on('*', (event: { type: string }) => seen.types.push(event.type));
  client.on('audio', (event: { data: ArrayBuffer }) => (seen.audioBytes += event.data.byteLength));
  client.on('error', (error: unknown) => seen.errors.push(error));
  await client.connect({
    apiKey: 'sk-test',
    model: 'gpt-realtime',
    url: `${emulator.url.replace(/^http/, 'ws')}/v1/realtime?model=gpt-realtime`,
  });
  return { client, seen };
}

function waitFor(seen: Seen, type: string, timeoutMs = 8000): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (seen.types.includes(type)) {
        clearInterval(poll);
        resolve();
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(poll);
        reject(new Error(`no ${type}; saw ${seen.types.join(', ')}`));
      }
    }, 10);
  });
}

describe("OpenAI's OpenAIRealtimeWebSocket against the emulator", () => {
  it('connects, holds a text turn and plays the streamed PCM reply', async () => {
    emulator.setScenario(scenario().reply('Hello from the emulator.'));
    const { client, seen } = await connect();
    expect(client.status).toBe('connected');
    await waitFor(seen, 'session.updated');
    expect(seen.types[0]).toBe('session.created');
    client.sendMessage('Hi there', {});
    await waitFor(seen, 'response.done');
    // 4 words of the scripted voice, PCM16 at 24 kHz: well over a second of audio.
    expect(seen.audioBytes / 48_000).toBeGreaterThan(1);
    expect(seen.types).toEqual(
      expect.arrayContaining(['conversation.item.added', 'response.output_audio.delta', 'response.output_audio.done']),
    );
    expect(seen.errors).toEqual([]);
    const [call] = emulator.calls.list();
    expect(call!.items.map((i) => i.role)).toEqual(['user', 'assistant']);
  });

  it('holds a spoken turn from sendAudio (server VAD), and interrupt() sends a truncate the emulator accepts', async () => {
    emulator.setScenario(
      scenario().reply('This answer runs long enough to be interrupted while it is still being played back.'),
    );
    const { client, seen } = await connect();
    await waitFor(seen, 'session.updated');
    const speech = to24k(readWav(new URL('../../e2e/fixtures/speech.wav', import.meta.url)));
    for (let i = 0; i < speech.length; i += 2400) {
      const chunk = speech.slice(i, i + 2400);
      client.sendAudio(chunk.buffer);
    }
    await waitFor(seen, 'input_audio_buffer.speech_started');
    await waitFor(seen, 'response.output_audio.delta');
    await new Promise((r) => setTimeout(r, 300));
    client.interrupt();
    await waitFor(seen, 'conversation.item.truncated');
    const [call] = emulator.calls.list();
    const [truncate] = emulator.calls.clientEvents(call!.id, 'conversation.item.truncate');
    expect(truncate!.audio_end_ms).toBeGreaterThanOrEqual(250);
    expect(seen.errors).toEqual([]);
  }, 15_000);
});
