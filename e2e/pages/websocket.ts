// The WebSocket transport in a real page: browser auth, errors, and the audio path (player + exact truncation)
// against a socket server the test runs.
import { createAudioEngine, type AudioEngine } from '../../src/audio/AudioEngine';
import { createPcmPlayer, type PcmPlayer } from '../../src/audio/createPcmPlayer';
import { createPcmUplink, type PcmUplink } from '../../src/transport/websocket/createPcmUplink';
import { isRealtimeError } from '../../src/core/errors';
import { createWebSocketAudio, type WebSocketAudio } from '../../src/transport/websocket/createWebSocketAudio';
import {
  createWebSocketTransport,
  type WebSocketTransport,
} from '../../src/transport/websocket/createWebSocketTransport';

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

async function connect(options: {
  apiBaseUrl?: string;
  relayUrl?: string;
  secret: string;
  maxMessageBytes?: number;
}): Promise<ErrorReport | null> {
  messages.length = 0;
  closes.length = 0;
  const limit = options.maxMessageBytes === undefined ? {} : { maxMessageBytes: options.maxMessageBytes };
  const t = createWebSocketTransport(
    options.relayUrl
      ? { relayUrl: options.relayUrl, ...limit }
      : { apiBaseUrl: options.apiBaseUrl ?? '', model: 'gpt-realtime', ...limit },
  );
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
  tap = new AudioWorkletNode(context, 'talkwire-output-tap', {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    outputChannelCount: [1],
  });
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

let engine: AudioEngine | null = null;
let uplink: PcmUplink | null = null;
let mic: MediaStream | null = null;

/** The fake microphone (the speech WAV) through the mic worklet's capture into the uplink. */
async function startMic(): Promise<void> {
  engine = createAudioEngine({
    AudioContext,
    workletUrl: new URL('../../src/audio/worklets/micProcessor.ts', import.meta.url),
  });
  engine.createContext();
  mic = await navigator.mediaDevices.getUserMedia({ audio: true });
  await engine.loadWorklet();
  engine.attachMic(mic);
  const t = transport!;
  const u = createPcmUplink({ send: (event) => t.send(event), bufferedAmount: () => t.bufferedAmount });
  uplink = u;
  engine.setCapture((pcm) => u.push(pcm));
}

async function stopMic(): Promise<{ sentSamples: number; droppedSamples: number }> {
  engine?.setCapture(null);
  uplink?.flush();
  for (const track of mic?.getTracks() ?? []) track.stop();
  await engine?.close();
  return { sentSamples: uplink?.stats.sentSamples ?? 0, droppedSamples: uplink?.stats.droppedSamples ?? 0 };
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
      startMic: typeof startMic;
      stopMic: typeof stopMic;
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
  startMic,
  stopMic,
  send: (type) => transport?.send({ type } as never),
  messages: () => [...messages],
  closes: () => [...closes],
  close,
};
document.getElementById('status')!.textContent = 'ready';
