/**
 * A server-side voice turn over WebSocket, with no browser: a text turn, then a PCM audio turn read from a WAV
 * file, the model's audio written to WAV files. See README.md beside this file.
 *
 *   npx tsx examples/node-websocket/main.ts --api-base-url http://127.0.0.1:4000/v1 --wav e2e/fixtures/speech.wav
 *   OPENAI_API_KEY=sk-... npx tsx examples/node-websocket/main.ts --wav speech.wav
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import {
  createRealtimeSession,
  floatToPcm16,
  selectTranscript,
  StreamingResampler,
  type OutputAudioEvent,
} from 'talkwire/core';

const { values } = parseArgs({
  options: {
    'api-base-url': { type: 'string', default: 'https://api.openai.com/v1' },
    model: { type: 'string', default: 'gpt-realtime' },
    wav: { type: 'string' },
    text: { type: 'string', default: 'Say hello in five words.' },
    out: { type: 'string', default: 'reply' },
  },
});

// The emulator accepts any sk- key; OpenAI needs a real one, read from the environment and never printed.
const apiKey = process.env.OPENAI_API_KEY ?? 'sk-emulator';

/** PCM16 mono 24 kHz from a 16-bit PCM WAV of any rate (the first channel). */
function readWav24k(path: string): Int16Array {
  const file = readFileSync(path);
  if (file.toString('ascii', 0, 4) !== 'RIFF' || file.toString('ascii', 8, 12) !== 'WAVE')
    throw new Error(`${path} is not a WAV file.`);
  let offset = 12;
  let rate = 0;
  let channels = 0;
  let bits = 0;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      channels = file.readUInt16LE(body + 2);
      rate = file.readUInt32LE(body + 4);
      bits = file.readUInt16LE(body + 14);
    } else if (id === 'data') {
      if (bits !== 16) throw new Error(`${path}: only 16-bit PCM WAV is supported, this one has ${bits} bits.`);
      const frames = Math.floor(Math.min(size, file.length - body) / (2 * channels));
      const input = new Float32Array(frames);
      for (let i = 0; i < frames; i++) input[i] = file.readInt16LE(body + i * 2 * channels) / 32768;
      const resampler = new StreamingResampler(rate, 24000);
      const resampled = new Float32Array(resampler.maxOutputLength(frames));
      const count = resampler.process(input, resampled, frames);
      const pcm = new Int16Array(count);
      floatToPcm16(resampled, pcm, 0, count);
      return pcm;
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path} has no data chunk.`);
}

function writeWav(path: string, chunks: Int16Array[]): void {
  const samples = chunks.reduce((n, c) => n + c.length, 0);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(24000, 24);
  header.writeUInt32LE(48000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples * 2, 40);
  writeFileSync(path, Buffer.concat([header, ...chunks.map((c) => Buffer.from(c.buffer, c.byteOffset, c.byteLength))]));
}

// Node 20 has no WebSocket built in: pass the `ws` package (Node 22's global one works too).
const session = createRealtimeSession({
  transport: 'websocket',
  apiKey,
  apiBaseUrl: values['api-base-url'],
  model: values.model,
  WebSocket,
});
let replyAudio: Int16Array[] = [];
// Each response.output_audio.delta, decoded. Nothing plays here; a phone bridge would write it to its line.
session.on('output_audio', (event: OutputAudioEvent) => replyAudio.push(event.samples));
session.on('error', (error) => console.error(`error: ${error.message}`));

let onResponseDone: ((status: string) => void) | null = null;
session.on('server_event', (event) => {
  if (event.type === 'response.done')
    onResponseDone?.((event as { response?: { status?: string } }).response?.status ?? 'unknown');
});

function turn(label: string, start: () => void): Promise<void> {
  replyAudio = [];
  return new Promise<void>((resolve) => {
    onResponseDone = (status) => {
      const file = `${values.out}-${label}.wav`;
      writeWav(file, replyAudio);
      const seconds = replyAudio.reduce((n, c) => n + c.length, 0) / 24000;
      const reply =
        selectTranscript(session.store.getState())
          .filter((e) => e.role === 'assistant')
          .at(-1)?.text ?? '';
      console.log(`${label} turn (${status}): "${reply}" with ${seconds.toFixed(2)} s of audio -> ${file}`);
      resolve();
    };
    start();
  });
}

try {
  await session.connect();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
console.log(`connected to ${values['api-base-url']} over WebSocket`);
// Manual turns: no server VAD, the script says when the user's audio ends.
session.setTurnDetection('push_to_talk');

await turn('text', () => session.sendText(values.text));

if (values.wav) {
  const pcm = readWav24k(values.wav);
  await turn('audio', () => {
    // 20 ms at a time, as a phone line would deliver it (here faster than real time); sent in 50 ms appends.
    for (let i = 0; i < pcm.length; i += 480) session.appendInputAudio(pcm.subarray(i, i + 480));
    // The last partial append waits for more audio; a short pad of silence completes it before the commit.
    session.appendInputAudio(new Int16Array(1200));
    session.send({ type: 'input_audio_buffer.commit' });
    session.requestResponse();
  });
  console.log(`sent ${(pcm.length / 24000).toFixed(2)} s of audio`);
}

await session.disconnect();
