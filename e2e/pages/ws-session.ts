// A page that drives createRealtimeSession({ transport: 'websocket' }) against the emulator. The session's own
// AudioContext is observed from outside: its destination goes through a tap that counts the frames played, and
// the player's clear command marks the tap, so the page measures the played duration itself.
import {
  createRealtimeSession,
  selectItem,
  selectTranscript,
  type RealtimeSessionOptions,
} from '../../src/entries/core';
import type { RealtimeSession } from '../../src/session/types';

interface TapReport {
  frames: number;
  first: number;
  mark: number;
  rate: number;
}

const streams: MediaStream[] = [];
const contexts: ObservedAudioContext[] = [];
let session: RealtimeSession | null = null;
const observed = {
  statuses: [] as string[],
  agentStates: [] as string[],
  serverEvents: [] as string[],
  clientEvents: [] as string[],
  errors: [] as string[],
  warnings: [] as string[],
  maxOutputLevel: 0,
  /** Every state the session's context went through, with the ms since the page loaded. */
  contextStates: [] as string[],
};
const frames: string[] = [];
const sockets: WebSocket[] = [];

class ObservedAudioContext extends AudioContext {
  readonly mix: GainNode;
  tap: AudioWorkletNode | null = null;
  constructor(options?: AudioContextOptions) {
    super(options);
    contexts.push(this);
    observed.contextStates.push(`${this.state}@${Math.round(performance.now())}`);
    this.addEventListener('statechange', () =>
      observed.contextStates.push(`${this.state}@${Math.round(performance.now())}`),
    );
    this.mix = this.createGain();
    this.mix.connect(super.destination);
    void this.audioWorklet.addModule('/playedTap.js').then(() => {
      const tap = new AudioWorkletNode(this, 'talkwire-played-tap', {
        numberOfInputs: 1,
        numberOfOutputs: 1,
        outputChannelCount: [1],
      });
      this.mix.disconnect();
      this.mix.connect(tap).connect(super.destination);
      this.tap = tap;
    });
  }
  // What the session plays goes through the tap.
  override get destination(): AudioDestinationNode {
    return this.mix as unknown as AudioDestinationNode;
  }
}

// The player's clear command marks the tap in the same task, so both land at the same render quantum.
class ObservedWorkletNode extends AudioWorkletNode {
  constructor(context: BaseAudioContext, name: string, options?: AudioWorkletNodeOptions) {
    super(context, name, options);
    if (name !== 'talkwire-pcm-player') return;
    const post = this.port.postMessage.bind(this.port) as (message: unknown, transfer?: Transferable[]) => void;
    this.port.postMessage = ((message: { type?: string }, transfer?: Transferable[]) => {
      if (message?.type === 'clear') (context as ObservedAudioContext).tap?.port.postMessage('mark');
      post(message, transfer);
    }) as typeof this.port.postMessage;
  }
}
window.AudioWorkletNode = ObservedWorkletNode;

// Every frame the page's sockets send and receive, to check what a page could see.
const NativeWebSocket = WebSocket;
class ObservedWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    sockets.push(this);
    frames.push(`open ${String(url)}`);
    this.addEventListener('message', (event) => frames.push(String(event.data)));
  }
  override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    frames.push(typeof data === 'string' ? data : '(binary frame)');
    super.send(data);
  }
}

const harness = {
  async create(options: Partial<RealtimeSessionOptions> = {}) {
    const { apiBaseUrl } = (await (await fetch('/api/realtime-config')).json()) as { apiBaseUrl: string };
    session = createRealtimeSession({
      transport: 'websocket',
      clientSecretUrl: '/api/realtime-session',
      apiBaseUrl,
      ...options,
      audio: {
        workletUrl: new URL('../../src/audio/worklets/micProcessor.ts', import.meta.url),
        playerWorkletUrl: new URL('../../src/audio/worklets/pcmPlayer.ts', import.meta.url),
        ...options.audio,
      },
      environment: {
        AudioContext: ObservedAudioContext,
        WebSocket: ObservedWebSocket,
        getUserMedia: async (constraints) => {
          const stream = await navigator.mediaDevices.getUserMedia(constraints);
          streams.push(stream);
          return stream;
        },
      },
    });
    const s = session;
    s.on('status', (status) => {
      observed.statuses.push(status);
      document.getElementById('status')!.textContent = status;
    });
    s.on('server_event', (event) => observed.serverEvents.push(event.type));
    s.on('client_event', (event) => observed.clientEvents.push(event.type));
    s.on('error', (error) => observed.errors.push(`${error.code}: ${error.message}`));
    s.on('warning', (warning) => observed.warnings.push(`${warning.code}: ${warning.message}`));
    s.store.subscribe((state, prev) => {
      if (state.agentState !== prev.agentState) observed.agentStates.push(state.agentState);
    });
    s.subscribeLevels(() => {
      observed.maxOutputLevel = Math.max(observed.maxOutputLevel, s.getOutputLevel());
    });
  },
  async connect(): Promise<string | null> {
    try {
      await session!.connect();
      return null;
    } catch (error) {
      return `${(error as { code?: string }).code}: ${(error as Error).message}`;
    }
  },
  disconnect: () => session!.disconnect(),
  sendText: (text: string) => session!.sendText(text),
  setMuted: (muted: boolean) => session!.setMuted(muted),
  interrupt: () => session!.interrupt(),
  resumeAudio: () => session!.resumeAudio(),
  send: (event: Parameters<RealtimeSession['send']>[0]) => session!.send(event),
  observed: () => observed,
  session: () => session!,
  frames: () => frames,
  state() {
    const state = session!.store.getState();
    return {
      status: state.status,
      agentState: state.agentState,
      activeResponseId: state.activeResponseId,
      lastError: state.lastError,
      contextState: contexts.at(-1)?.state ?? null,
      playbackBlocked: state.output.playbackBlocked,
    };
  },
  transcript() {
    const state = session!.store.getState();
    return selectTranscript(state).map((e) => ({
      role: e.role,
      text: e.text,
      status: e.status,
      id: e.id,
      audioEndMs: selectItem(state, e.id)?.audioEndMs ?? null,
    }));
  },
  /** The tap of the session's context: frames counted, first sound, the frame reached at the player's clear. */
  tap(): Promise<TapReport | null> {
    const tap = contexts.at(-1)?.tap;
    if (!tap) return Promise.resolve(null);
    return new Promise((resolve) => {
      tap.port.onmessage = (event: MessageEvent<TapReport>) => resolve(event.data);
      tap.port.postMessage('get');
    });
  },
  resetTap: () => contexts.at(-1)?.tap?.port.postMessage('reset'),
  /** Audio inputs and outputs as the page sees them. */
  async devices() {
    const all = await navigator.mediaDevices.enumerateDevices();
    const pick = (kind: MediaDeviceKind) =>
      all.filter((d) => d.kind === kind).map((d) => ({ deviceId: d.deviceId, label: d.label }));
    return { inputs: pick('audioinput'), outputs: pick('audiooutput') };
  },
  /** Resolves to the error's code or null. */
  async setInputDevice(deviceId: string): Promise<string | null> {
    try {
      await session!.setInputDevice(deviceId);
      return null;
    } catch (error) {
      return (error as { code?: string }).code ?? String(error);
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
  /** The live microphone tracks the session opened. */
  micTracks: () =>
    streams
      .flatMap((s) => s.getAudioTracks())
      .filter((t) => t.readyState === 'live')
      .map((t) => ({ label: t.label, deviceId: t.getSettings().deviceId ?? null, enabled: t.enabled })),
  /** The output device of the session's context ('' is the system default). */
  sinkId() {
    const sink = (contexts.at(-1) as (AudioContext & { sinkId?: unknown }) | undefined)?.sinkId;
    return typeof sink === 'string' ? sink : '';
  },
  /** input_audio_buffer.append frames the page sent so far. */
  appends: () => frames.filter((f) => f.startsWith('{"type":"input_audio_buffer.append"')).length,
  leftovers: () => ({
    liveTracks: streams.flatMap((s) => s.getTracks()).filter((t) => t.readyState === 'live').length,
    openContexts: contexts.filter((c) => c.state !== 'closed').length,
    openSockets: sockets.filter((s) => s.readyState !== WebSocket.CLOSED).length,
    contexts: contexts.length,
    streams: streams.length,
  }),
};

declare global {
  interface Window {
    wsHarness: typeof harness;
  }
}
window.wsHarness = harness;
document.body.dataset.ready = 'true';
