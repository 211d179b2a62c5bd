// The WebSocket transport in a real page: browser auth, errors, and the audio path (player + exact truncation)
// against a socket server the test runs.
import { createPcmPlayer, type PcmPlayer } from '../../src/audio/createPcmPlayer';
import { isRealtimeError } from '../../src/core/errors';
import { createWebSocketAudio, type WebSocketAudio } from '../../src/transport/websocket/createWebSocketAudio';
import { createWebSocketTransport, type WebSocketTransport } from '../../src/transport/websocket/createWebSocketTransport';

export interface ErrorReport {
  code: string;
  message: string;
  status: number | null;
}

let transport: WebSocketTransport | null = null;
let audio: WebSocketAudio | null = null;
let player: PcmPlayer | null = null;
let context: AudioContext | null = null;
let tap: AudioWorkletNode | null = null;
const messages: string[] = [];
const closes: ErrorReport[] = [];

function report(error: unknown): ErrorReport {
  return isRealtimeError(error)
    ? { code: error.code, message: error.message, status: error.status ?? null }
    : { code: 'unknown', message: String(error), status: null };
}

async function connect(options: { apiBaseUrl?: string; relayUrl?: string; secret: string }): Promise<ErrorReport | null> {
  messages.length = 0;
  closes.length = 0;
  const t = createWebSocketTransport(options.relayUrl ? { relayUrl: options.relayUrl } : { apiBaseUrl: options.apiBaseUrl ?? '', model: 'gpt-realtime' });
  transport = t;
  t.on('message', (raw) => {
    messages.push(raw);
    audio?.handleServerEvent(JSON.parse(raw) as { type: string });
  });
  t.on('close', (error) => closes.push(report(error)));
  try {
    await t.connect(options.secret, new AbortController().signal);
    return null;
  } catch (error) {
    return report(error);
  }
}

async function startAudio(serverCancels: boolean): Promise<number> {
  context = new AudioContext({ latencyHint: 'interactive' });
  await context.resume();
  await context.audioWorklet.addModule('/outputTap.js');
  tap = new AudioWorkletNode(context, 'talkwire-output-tap', { numberOfInputs: 1, numberOfOutputs: 1, outputChannelCount: [1] });
  tap.connect(context.destination);
  const workletUrl = new URL('../../src/audio/worklets/pcmPlayer.ts', import.meta.url);
  player = await createPcmPlayer({ context, destination: tap, workletUrl });
  const t = transport!;
  audio = createWebSocketAudio({ send: (event) => t.send(event), player, serverCancelsOnSpeech: () => serverCancels });
  return context.sampleRate;
}

/** 24 kHz samples that left the player with sound, as the tap counted them. */
function heardSamples(): Promise<number> {
  return new Promise((resolve) => {
    tap!.port.onmessage = (event: MessageEvent<number>) => resolve((event.data * 24000) / context!.sampleRate);
    tap!.port.postMessage('count');
  });
}

async function close(): Promise<string | null> {
  transport?.close();
  audio?.dispose();
  player?.close();
  await context?.close();
  return context?.state ?? null;
}

declare global {
  interface Window {
    wsLab: {
      connect: typeof connect;
      startAudio: typeof startAudio;
      heardSamples: typeof heardSamples;
      send(type: string): void;
      messages(): string[];
      closes(): ErrorReport[];
      close: typeof close;
    };
  }
}

window.wsLab = {
  connect,
  startAudio,
  heardSamples,
  send: (type) => transport?.send({ type } as never),
  messages: () => [...messages],
  closes: () => [...closes],
  close,
};
document.getElementById('status')!.textContent = 'ready';
