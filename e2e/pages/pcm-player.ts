// The WebSocket PCM player in a real AudioContext: pushes generated PCM16 the way response.output_audio.delta
// arrives, and measures what leaves the player with a tap worklet behind it.
import { createPcmPlayer, type PcmPlayer } from '../../src/audio/createPcmPlayer';

export interface ClearResult {
  sampleRate: number;
  /** Position the player answered clear() with (24 kHz samples of the item). */
  reportedSamples: number;
  reportedItem: string | null;
  /** Frames with sound the tap saw, converted to 24 kHz samples. */
  tappedSamples: number;
  /** Frames with sound the tap saw after the clear was answered (must stay 0). */
  framesAfterClear: number;
  clearRoundTripMs: number;
}

export interface LatencyResult {
  /** Per run: ms from pushing the first delta to the player's first-sample message arriving on the main thread. */
  messageMs: number[];
  /** Per run: ms from the push to the render quantum that carried the first sample (context clock). */
  renderMs: number[];
  /** Per run: ms from the push until that sample reaches the output device (adds the device's latency). */
  outputMs: number[];
}

export interface SteadyResult {
  seconds: number;
  /** What the stream carried: a constant level, or speech-like sound with a 50 ms pause after every 550 ms. */
  pattern: 'tone' | 'speech';
  /** Main-thread stalls made on purpose (ms each, every 3 s); 0 for none. */
  stallMs: number;
  /** Ms from the first push to the player's first-sample message on the main thread. */
  firstSampleMs: number;
  /** Silence the player added inside pauses to build its margin (ms of output). */
  stretchedMs: number;
  deltas: number;
  underruns: number;
  overflowSamples: number;
  maxTimerLateMs: number;
  /** Deltas the main thread pushed more than 15 ms (the starting margin) late. */
  lateDeltas: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const RATE = 24000;

let context: AudioContext;
let player: PcmPlayer;
let tap: AudioWorkletNode;

function tapFrames(): Promise<number> {
  return new Promise((resolve) => {
    tap.port.onmessage = (event: MessageEvent<number>) => resolve(event.data);
    tap.port.postMessage('count');
  });
}

/** A constant level: every resampled frame keeps it, so the tap counts exactly the frames played. */
function level(samples: number, value = 8000): Int16Array {
  return new Int16Array(samples).fill(value);
}

async function setup(options: { prefillMs?: number; startDelayMs?: number } = {}): Promise<number> {
  context = new AudioContext({ latencyHint: 'interactive' });
  await context.resume();
  await context.audioWorklet.addModule('/outputTap.js');
  tap = new AudioWorkletNode(context, 'talkwire-output-tap', {
    numberOfInputs: 1,
    numberOfOutputs: 1,
    outputChannelCount: [1],
  });
  tap.connect(context.destination);
  // The dev server compiles the worklet's TypeScript on request; a built app serves dist/worklets/pcmPlayer.js.
  const workletUrl = new URL('../../src/audio/worklets/pcmPlayer.ts', import.meta.url);
  player = await createPcmPlayer({ context, destination: tap, workletUrl, ...options });
  return context.sampleRate;
}

async function clearMidStream(itemId: string, playForMs: number): Promise<ClearResult> {
  const before = await tapFrames();
  // Two seconds of reply, arriving as 100 ms deltas at once (the server sends faster than real time).
  for (let i = 0; i < 20; i++) player.push(itemId, level(RATE / 10));
  player.end(itemId);
  await sleep(playForMs);
  const asked = performance.now();
  const position = await player.clear();
  const clearRoundTripMs = performance.now() - asked;
  const atClear = await tapFrames();
  await sleep(150);
  const after = await tapFrames();
  return {
    sampleRate: context.sampleRate,
    reportedSamples: position.playedSamples,
    reportedItem: position.itemId,
    tappedSamples: ((atClear - before) * RATE) / context.sampleRate,
    framesAfterClear: after - atClear,
    clearRoundTripMs,
  };
}

/**
 * `deltaMs` of audio pushed per run; `ended` also says the item is complete (a short reply), which starts it at
 * once. A first delta of a longer reply, shorter than the prefill, waits the start delay instead.
 */
async function firstSampleLatency(runs: number, deltaMs = 100, ended = true): Promise<LatencyResult> {
  const result: LatencyResult = { messageMs: [], renderMs: [], outputMs: [] };
  for (let run = 0; run < runs; run++) {
    const itemId = `latency_${deltaMs}_${ended}_${run}`;
    const started = new Promise<{ at: number; contextTime: number }>((resolve) => {
      const off = player.onProgress((progress, startedItem) => {
        if (startedItem !== itemId) return;
        off();
        resolve({ at: performance.now(), contextTime: progress.startedAtContextTime });
      });
    });
    const pushedAt = performance.now();
    const stamp = context.getOutputTimestamp();
    const renderedAtPush = context.currentTime;
    player.push(itemId, level((RATE * deltaMs) / 1000));
    if (ended) player.end(itemId);
    const { at, contextTime } = await started;
    if (!ended) player.end(itemId);
    result.messageMs.push(at - pushedAt);
    // The context clock when the push happened, from the output timestamp taken just before it.
    const contextAtPush = (stamp.contextTime ?? 0) + (pushedAt - (stamp.performanceTime ?? pushedAt)) / 1000;
    result.outputMs.push((contextTime - contextAtPush) * 1000);
    result.renderMs.push((contextTime - renderedAtPush) * 1000);
    await sleep(150);
  }
  return result;
}

/** Speech-like PCM from sample `from`: 550 ms of a varying loud level, then a 50 ms pause (zeros), and again. */
function speech(from: number, length: number): Int16Array {
  const pcm = new Int16Array(length);
  for (let i = 0; i < length; i++) {
    const at = (from + i) % (RATE * 0.6);
    pcm[i] = at >= RATE * 0.55 ? 0 : Math.round(6000 * Math.sin((from + i) * 0.07) + 2000);
  }
  return pcm;
}

/**
 * `stallMs` > 0 blocks the main thread that long every `stallEveryMs` (first after half of it), as a busy page
 * does (a long render, a GC): the delta due then is pushed late by the stall.
 */
async function steadyStream(
  seconds: number,
  pattern: 'tone' | 'speech' = 'speech',
  stallMs = 0,
  stallEveryMs = 3000,
  deltaMs = 50,
): Promise<SteadyResult> {
  const itemId = `steady_${pattern}_${seconds}_${stallMs}`;
  const perDelta = (RATE * deltaMs) / 1000;
  const total = Math.round((seconds * 1000) / deltaMs);
  const stretchedBefore = player.progress.stretchedFrames;
  let firstSampleMs = -1;
  const start = performance.now();
  const off = player.onProgress((_progress, startedItem) => {
    if (startedItem === itemId) firstSampleMs = performance.now() - start;
  });
  let maxTimerLateMs = 0;
  let lateDeltas = 0;
  const underrunsBefore = player.progress.underruns;
  for (let i = 0; i < total; i++) {
    // Deltas arrive in real time, one per deltaMs, each due at start + i * deltaMs.
    const due = start + i * deltaMs;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    if (stallMs > 0 && (i * deltaMs + stallEveryMs / 2) % stallEveryMs < deltaMs) {
      const until = performance.now() + stallMs;
      while (performance.now() < until) {
        // The main thread is busy: nothing else runs.
      }
    }
    const late = performance.now() - due;
    maxTimerLateMs = Math.max(maxTimerLateMs, late);
    if (late > 15) lateDeltas++;
    player.push(itemId, pattern === 'tone' ? level(perDelta) : speech(i * perDelta, perDelta));
  }
  player.end(itemId);
  await sleep(300);
  off();
  return {
    seconds,
    pattern,
    stallMs,
    firstSampleMs,
    stretchedMs: ((player.progress.stretchedFrames - stretchedBefore) / context.sampleRate) * 1000,
    deltas: total,
    underruns: player.progress.underruns - underrunsBefore,
    overflowSamples: player.progress.overflowSamples,
    maxTimerLateMs,
    lateDeltas,
  };
}

async function close(): Promise<string> {
  player.close();
  await context.close();
  return context.state;
}

declare global {
  interface Window {
    playerLab: {
      setup: typeof setup;
      clearMidStream: typeof clearMidStream;
      firstSampleLatency: typeof firstSampleLatency;
      steadyStream: typeof steadyStream;
      close: typeof close;
    };
  }
}

window.playerLab = { setup, clearMidStream, firstSampleLatency, steadyStream, close };
document.getElementById('status')!.textContent = 'ready';
