// Voice-to-voice through talkwire and through a bare script, on the same emulator, timed by the same instrument.
//
// The fake microphone loops a recording of speech; the emulator's server VAD ends each turn and answers with
// audio. The instrument is the same for all four contenders and is not talkwire's own metrics: an analyser on
// the microphone stream (the user stopped: the level fell under 0.02 and stayed there 250 ms, dated when it fell)
// and an analyser on what is played (the agent audible: the level rose over 0.01), both read every 5 ms. For
// WebRTC that is the remote track; for WebSocket the audio the page plays (the bare script's AudioBufferSources,
// talkwire's PCM player), through a node in front of the context's destination.
import { createRealtimeSession, readWebRtcStats, type StatsCounters } from '../../src/entries/core';
import type { RealtimeSession } from '../../src/session/types';
import {
  bareWebRtc,
  bareWebSocket,
  forgetPlayed,
  KEY_PATH,
  MeasuredAudioContext,
  playedAnalyser,
  type Contender,
} from './bareClients';

export type Mode = 'bare-webrtc' | 'talkwire-webrtc' | 'bare-websocket' | 'talkwire-websocket';

export interface RoundTripResult {
  /** Voice-to-voice of each turn, in order (ms). */
  turns: number[];
  /** talkwire only: main-thread time of one stats reading (the synchronous parts), median (ms). */
  statsReadMs: number | null;
  /** What the instrument saw: speech ends, and output rises (with or without a speech end before them). */
  seen: { stops: number; rises: number };
}

const SPEECH = 0.02;
const AUDIBLE = 0.01;
const HOLD_MS = 250;

const rms = (analyser: AnalyserNode, buffer: Float32Array<ArrayBuffer>) => {
  analyser.getFloatTimeDomainData(buffer);
  let sum = 0;
  for (let i = 0; i < buffer.length; i++) sum += buffer[i]! * buffer[i]!;
  return Math.sqrt(sum / buffer.length);
};

/** The instrument: reads both analysers every 5 ms and records one figure per turn. */
function watch(
  mic: AnalyserNode,
  out: () => AnalyserNode | null,
  turns: number[],
  seen: RoundTripResult['seen'],
): () => void {
  const micBuffer = new Float32Array(mic.fftSize);
  let outBuffer = new Float32Array(0);
  let speaking = false;
  let belowSince: number | null = null;
  let stoppedAt: number | null = null;
  let answeredStop: number | null = null;
  let audible = false;
  let quietSince: number | null = null;
  const timer = setInterval(() => {
    const now = performance.now();
    if (rms(mic, micBuffer) >= SPEECH) {
      if (!speaking) stoppedAt = null; // speaking again before an answer: that pause was no turn end
      speaking = true;
      belowSince = null;
    } else if (speaking) {
      belowSince ??= now;
      if (now - belowSince >= HOLD_MS) {
        speaking = false;
        // Already answered (the agent was quicker than the hold): that turn is timed.
        stoppedAt = belowSince === answeredStop ? null : belowSince;
        seen.stops++;
      }
    }
    const analyser = out();
    if (!analyser) return;
    if (outBuffer.length !== analyser.fftSize) outBuffer = new Float32Array(analyser.fftSize);
    if (rms(analyser, outBuffer) >= AUDIBLE) {
      quietSince = null;
      if (!audible) seen.rises++;
      // The user's end is dated when the level fell; the answer may come before the hold confirms it.
      const end = stoppedAt ?? (speaking ? belowSince : null);
      if (!audible && end !== null) {
        turns.push(now - end);
        answeredStop = end;
        stoppedAt = null;
      }
      audible = true;
    } else if (audible) {
      quietSince ??= now;
      if (now - quietSince >= HOLD_MS) audible = false;
    }
  }, 5);
  return () => clearInterval(timer);
}

const instrument = new AudioContext();
function analyserOf(stream: MediaStream): AnalyserNode {
  const analyser = instrument.createAnalyser();
  analyser.fftSize = 512;
  instrument.createMediaStreamSource(stream).connect(analyser);
  return analyser;
}

async function talkwire(
  apiBaseUrl: string,
  transport: 'webrtc' | 'websocket',
  remote: (stream: MediaStream) => void,
): Promise<Contender> {
  let mic: MediaStream | null = null;
  const session: RealtimeSession = createRealtimeSession({
    clientSecretUrl: KEY_PATH,
    apiBaseUrl,
    transport,
    audio: {
      workletUrl: new URL('../../src/audio/worklets/micProcessor.ts', import.meta.url),
      playerWorkletUrl: new URL('../../src/audio/worklets/pcmPlayer.ts', import.meta.url),
    },
    environment: {
      getUserMedia: async (constraints) => (mic = await navigator.mediaDevices.getUserMedia(constraints)),
      AudioContext: MeasuredAudioContext,
      RTCPeerConnection: class extends RTCPeerConnection {
        constructor(config?: RTCConfiguration) {
          super(config);
          this.addEventListener('track', (event) => remote(event.streams[0]!));
        }
      },
    },
  });
  // What an app showing the figures runs: the watcher, reading the stats every 2 s.
  const { createCallMetrics } = await import('../../src/entries/core');
  const metrics = createCallMetrics(session);
  await session.connect();
  return {
    mic: mic!,
    async close() {
      metrics.stop();
      await session.disconnect();
    },
    async statsReadMs() {
      const times: number[] = [];
      let previous: StatsCounters | null = null;
      for (let i = 0; i < 30; i++) {
        const start = performance.now();
        const pending = session.getStats()!;
        const sent = performance.now() - start;
        const report = await pending;
        const read = performance.now();
        previous = readWebRtcStats(report, read, previous).counters;
        times.push(sent + performance.now() - read);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return times.sort((a, b) => a - b)[15]!;
    },
  };
}

const bench = {
  async run(mode: Mode, turnCount: number, timeoutMs: number): Promise<RoundTripResult> {
    const { apiBaseUrl } = (await (await fetch('/api/realtime-config')).json()) as { apiBaseUrl: string };
    await instrument.resume();
    forgetPlayed();
    let remoteAnalyser: AnalyserNode | null = null;
    const remote = (stream: MediaStream) => (remoteAnalyser = analyserOf(stream));
    const contender =
      mode === 'bare-webrtc'
        ? await bareWebRtc(apiBaseUrl, remote)
        : mode === 'bare-websocket'
          ? await bareWebSocket(apiBaseUrl)
          : await talkwire(apiBaseUrl, mode === 'talkwire-webrtc' ? 'webrtc' : 'websocket', remote);
    const turns: number[] = [];
    const seen = { stops: 0, rises: 0 };
    const stop = watch(
      analyserOf(contender.mic),
      () => (mode.endsWith('webrtc') ? remoteAnalyser : playedAnalyser()),
      turns,
      seen,
    );
    const deadline = performance.now() + timeoutMs;
    while (turns.length < turnCount && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    stop();
    const statsReadMs = contender.statsReadMs ? await contender.statsReadMs() : null;
    await contender.close();
    return { turns, statsReadMs, seen };
  },
};

declare global {
  interface Window {
    roundTrip: typeof bench;
  }
}
window.roundTrip = bench;
document.body.dataset['ready'] = 'true';
