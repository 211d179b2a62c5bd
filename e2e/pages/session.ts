// A page that drives `createRealtimeSession` for the browser tests. Everything it observes (tracks, peer
// connections, audio contexts, the played audio) it gets through the session's injectable environment, so the
// library runs exactly as in an application and the page measures it from the outside.
import { createRealtimeSession, type RealtimeSessionOptions } from '../../src/entries/core';
import type { RealtimeSession } from '../../src/session/types';
import { measurePlayback } from './measurePlayback';

interface Observed {
  statuses: string[];
  agentStates: string[];
  serverEvents: string[];
  clientEvents: string[];
  errors: { code: string; message: string; status?: number | undefined }[];
  offers: number;
  /** Loudest RMS measured on the agent's played audio, by the page's own analyser. */
  maxOutputRms: number;
  maxInputLevel: number;
  maxOutputLevel: number;
  connectMs: number | null;
  unhandledRejections: string[];
  warnings: string[];
  limitWarnings: number[];
  peerStates: string[];
  callIds: string[];
}

const streams: MediaStream[] = [];
const peers: RTCPeerConnection[] = [];
const contexts: AudioContext[] = [];
const audioElements: HTMLAudioElement[] = [];
let session: RealtimeSession | null = null;
let observed: Observed = fresh();
let stopMeasuring: (() => void) | null = null;

function fresh(): Observed {
  return {
    statuses: [],
    agentStates: [],
    serverEvents: [],
    clientEvents: [],
    errors: [],
    offers: 0,
    maxOutputRms: 0,
    maxInputLevel: 0,
    maxOutputLevel: 0,
    connectMs: null,
    unhandledRejections: [],
    warnings: [],
    limitWarnings: [],
    peerStates: [],
    callIds: [],
  };
}

class ObservedPeerConnection extends RTCPeerConnection {
  constructor(config?: RTCConfiguration) {
    super(config);
    peers.push(this);
    this.addEventListener('connectionstatechange', () => observed.peerStates.push(this.connectionState));
  }
}

class ObservedAudioContext extends AudioContext {
  constructor(options?: AudioContextOptions) {
    super(options);
    contexts.push(this);
  }
}

async function config(): Promise<{ apiBaseUrl: string; emulatorUrl: string | null }> {
  return (await fetch('/api/realtime-config')).json() as Promise<{ apiBaseUrl: string; emulatorUrl: string | null }>;
}

const harness = {
  async create(options: Partial<RealtimeSessionOptions> & { instrumentFetch?: boolean } = {}) {
    const { apiBaseUrl } = await config();
    observed = fresh();
    const baseFetch: typeof fetch = (input, init) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      if (url.endsWith('/realtime/calls') || url.endsWith('/realtime-call')) observed.offers++;
      return fetch(input, init);
    };
    session = createRealtimeSession({
      clientSecretUrl: '/api/realtime-session',
      apiBaseUrl,
      ...options,
      environment: {
        fetch: baseFetch,
        RTCPeerConnection: ObservedPeerConnection,
        AudioContext: ObservedAudioContext,
        getUserMedia: async (constraints) => {
          const stream = await navigator.mediaDevices.getUserMedia(constraints);
          streams.push(stream);
          return stream;
        },
        createAudioElement: () => {
          const el = new Audio();
          el.autoplay = true;
          audioElements.push(el);
          stopMeasuring?.();
          // The played audio, measured by the page itself on a 2048-sample window every 50 ms.
          stopMeasuring = measurePlayback(el, 2048, 50, (rms) => {
            if (rms > observed.maxOutputRms) observed.maxOutputRms = rms;
          });
          return el;
        },
        ...options.environment,
      },
    });
    const s = session;
    s.on('status', (status) => {
      observed.statuses.push(status);
      document.getElementById('status')!.textContent = status;
    });
    s.on('server_event', (event) => observed.serverEvents.push(event.type));
    s.on('client_event', (event) => observed.clientEvents.push(event.type));
    s.on('error', (error) => observed.errors.push({ code: error.code, message: error.message, status: error.status }));
    s.on('warning', (warning) => observed.warnings.push(warning.code));
    s.on('call_started', ({ callId }) => observed.callIds.push(callId));
    s.on('session_limit_warning', ({ remainingMs }) => observed.limitWarnings.push(remainingMs));
    s.store.subscribe((state, prev) => {
      if (state.agentState !== prev.agentState) observed.agentStates.push(state.agentState);
    });
    s.subscribeLevels(() => {
      observed.maxInputLevel = Math.max(observed.maxInputLevel, s.getInputLevel());
      observed.maxOutputLevel = Math.max(observed.maxOutputLevel, s.getOutputLevel());
    });
    return true;
  },
  /** Resolves to null on success or the error's code, so a test sees failures as data. */
  async connect(): Promise<string | null> {
    const started = performance.now();
    try {
      await session!.connect();
      observed.connectMs = performance.now() - started;
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  },
  /** Two connect() calls in a row; both results. */
  async connectTwice(): Promise<(string | null)[]> {
    const a = harness.connect();
    const b = harness.connect();
    return Promise.all([a, b]);
  },
  async disconnect() {
    await session!.disconnect();
    stopMeasuring?.();
    stopMeasuring = null;
  },
  observed: () => observed,
  state() {
    const state = session!.store.getState();
    return {
      status: state.status,
      agentState: state.agentState,
      lastError: state.lastError,
      callId: state.callId,
      mic: state.mic,
    };
  },
  transcript: async () => {
    const { selectTranscript } = await import('../../src/entries/core');
    return selectTranscript(session!.store.getState());
  },
  send: (event: Parameters<RealtimeSession['send']>[0]) => session!.send(event),
  sendText: (text: string) => session!.sendText(text),
  setMuted: (muted: boolean) => session!.setMuted(muted),
  interrupt: () => session!.interrupt(),
  /** The session object itself, for pages that render it (e.g. <VoiceAgent session={...}/>). */
  currentSession: () => session,
  /**
   * The microphone goes away as when it is unplugged: the track ends and fires `ended` (the browser does both
   * for a lost device; `stop()` alone fires nothing, by spec).
   */
  unplugMic() {
    const track = streams.at(-1)?.getAudioTracks()[0];
    if (!track) return false;
    track.stop();
    track.dispatchEvent(new Event('ended'));
    return true;
  },
  /** Audio inputs and outputs as the page sees them. */
  async devices() {
    const all = await navigator.mediaDevices.enumerateDevices();
    const pick = (kind: MediaDeviceKind) =>
      all.filter((d) => d.kind === kind).map((d) => ({ deviceId: d.deviceId, groupId: d.groupId, label: d.label }));
    return { inputs: pick('audioinput'), outputs: pick('audiooutput') };
  },
  /** Resolves to the error's code or null, and how long the switch took. */
  async setInputDevice(deviceId: string): Promise<{ error: string | null; ms: number }> {
    const started = performance.now();
    try {
      await session!.setInputDevice(deviceId);
      return { error: null, ms: performance.now() - started };
    } catch (error) {
      return { error: (error as { code?: string }).code ?? String(error), ms: performance.now() - started };
    }
  },
  async setOutputDevice(deviceId: string): Promise<string | null> {
    try {
      await session!.setOutputDevice(deviceId);
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
    }
  },
  /** The live microphone tracks the session opened (label, device, enabled). */
  micTracks() {
    return streams
      .flatMap((s) => s.getAudioTracks())
      .filter((t) => t.readyState === 'live')
      .map((t) => ({ label: t.label, deviceId: t.getSettings().deviceId ?? null, enabled: t.enabled }));
  },
  levels: () => ({ input: session!.getInputLevel(), output: session!.getOutputLevel() }),
  /** Resets the maxima of the levels seen through subscribeLevels. */
  resetLevelMaxima() {
    observed.maxInputLevel = 0;
    observed.maxOutputLevel = 0;
  },
  /** The session's playback elements and audio contexts, for the autoplay checks. */
  playback() {
    return {
      elements: audioElements.map((el) => ({
        paused: el.paused,
        currentTime: el.currentTime,
        sinkId: (el as HTMLAudioElement & { sinkId?: string }).sinkId ?? null,
      })),
      contexts: contexts.map((c) => c.state),
    };
  },
  resumeAudio: () => session!.resumeAudio(),
  session: () => session!,
  /** What the session left behind: live tracks, open peer connections, open audio contexts. */
  leftovers() {
    return {
      liveTracks: streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
      openPeers: peers.filter((p) => p.connectionState !== 'closed' || p.signalingState !== 'closed').length,
      openContexts: contexts.filter((c) => c.state !== 'closed').length,
      playingElements: audioElements.filter((el) => el.srcObject !== null).length,
      streams: streams.length,
      peers: peers.length,
      contexts: contexts.length,
    };
  },
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}
window.harness = harness;
window.addEventListener('unhandledrejection', (event) => {
  observed.unhandledRejections.push(String((event.reason as Error)?.message ?? event.reason));
});
document.body.dataset.ready = 'true';
