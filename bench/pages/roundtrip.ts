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

export type Mode = 'bare-webrtc' | 'talkwire-webrtc' | 'bare-websocket' | 'talkwire-websocket';

export interface RoundTripResult {
  /** Voice-to-voice of each turn, in order (ms). */
  turns: number[];
  /** talkwire only: main-thread time of one stats reading (the synchronous parts), median (ms). */
  statsReadMs: number | null;
  /** What the instrument saw: speech ends, and output rises (with or without a speech end before them). */
  seen: { stops: number; rises: number };
}

const KEY_PATH = '/api/realtime-session';
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

async function mintKey(): Promise<string> {
  const res = await fetch(KEY_PATH, { method: 'POST', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`key endpoint answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { value: string }).value;
}

/** An AudioContext whose destination is a gain node with an analyser on it: what the page plays is measured. */
let played: AnalyserNode | null = null;
class MeasuredAudioContext extends AudioContext {
  readonly front: GainNode;
  constructor(options?: AudioContextOptions) {
    super(options);
    this.front = this.createGain();
    this.front.connect(super.destination);
    played = this.createAnalyser();
    played.fftSize = 512;
    this.front.connect(played);
  }
  override get destination(): AudioDestinationNode {
    return this.front as unknown as AudioDestinationNode;
  }
}

interface Contender {
  mic: MediaStream;
  close(): Promise<void> | void;
  statsReadMs?: () => Promise<number>;
}

async function bareWebRtc(apiBaseUrl: string, remote: (stream: MediaStream) => void): Promise<Contender> {
  const [key, mic] = await Promise.all([mintKey(), navigator.mediaDevices.getUserMedia({ audio: true })]);
  const pc = new RTCPeerConnection();
  pc.createDataChannel('oai-events');
  pc.addTrack(mic.getAudioTracks()[0]!, mic);
  pc.ontrack = (event) => {
    const audio = new Audio();
    audio.autoplay = true;
    audio.srcObject = event.streams[0]!;
    void audio.play();
    remote(event.streams[0]!);
  };
  await pc.setLocalDescription(await pc.createOffer());
  const res = await fetch(`${apiBaseUrl}/realtime/calls`, {
    method: 'POST',
    body: pc.localDescription!.sdp,
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/sdp' },
  });
  if (!res.ok) throw new Error(`calls endpoint answered ${res.status}: ${await res.text()}`);
  await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  return {
    mic,
    close() {
      for (const track of mic.getTracks()) track.stop();
      pc.close();
    },
  };
}

// The bare WebSocket client: the mic at 24 kHz through a worklet, 20 ms appends, each delta scheduled at once.
const CAPTURE = `registerProcessor('capture', class extends AudioWorkletProcessor {
  process(inputs) { const ch = inputs[0][0]; if (ch) this.port.postMessage(ch.slice()); return true; }
});`;

async function bareWebSocket(apiBaseUrl: string): Promise<Contender> {
  const [key, mic] = await Promise.all([mintKey(), navigator.mediaDevices.getUserMedia({ audio: true })]);
  const ctx = new MeasuredAudioContext({ sampleRate: 24000 });
  await ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([CAPTURE], { type: 'text/javascript' })));
  const url = new URL(`${apiBaseUrl.replace(/^http/, 'ws')}/realtime`);
  url.searchParams.set('model', 'gpt-realtime');
  const ws = new WebSocket(url, ['realtime', `openai-insecure-api-key.${key}`]);
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error('socket failed'));
  });
  const pending = new Int16Array(480);
  let filled = 0;
  const node = new AudioWorkletNode(ctx, 'capture');
  node.port.onmessage = (event: MessageEvent<Float32Array>) => {
    for (const sample of event.data) {
      pending[filled++] = Math.max(-32768, Math.min(32767, Math.round(sample * 32767)));
      if (filled === pending.length) {
        filled = 0;
        let binary = '';
        const bytes = new Uint8Array(pending.buffer);
        for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
        if (ws.readyState === WebSocket.OPEN)
          ws.send(JSON.stringify({ type: 'input_audio_buffer.append', audio: btoa(binary) }));
      }
    }
  };
  ctx.createMediaStreamSource(mic).connect(node);
  let next = 0;
  ws.onmessage = (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as { type: string; delta?: string };
    if (message.type === 'input_audio_buffer.speech_started') next = 0; // the server cut its answer: stop playing it
    if (message.type !== 'response.output_audio.delta' || !message.delta) return;
    const binary = atob(message.delta);
    const samples = new Float32Array(binary.length / 2);
    for (let i = 0; i < samples.length; i++) {
      const value = binary.charCodeAt(2 * i) | (binary.charCodeAt(2 * i + 1) << 8);
      samples[i] = (value >= 0x8000 ? value - 0x10000 : value) / 32768;
    }
    const buffer = ctx.createBuffer(1, samples.length, 24000);
    buffer.copyToChannel(samples, 0);
    const source = ctx.createBufferSource();
    source.buffer = buffer;
    source.connect(ctx.destination);
    next = Math.max(next, ctx.currentTime);
    source.start(next);
    next += buffer.duration;
  };
  return {
    mic,
    async close() {
      for (const track of mic.getTracks()) track.stop();
      ws.close();
      await ctx.close();
    },
  };
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
    played = null;
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
      () => (mode.endsWith('webrtc') ? remoteAnalyser : played),
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
