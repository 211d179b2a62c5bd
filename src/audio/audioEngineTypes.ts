export interface AudioEngineTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export interface AudioEngineOptions {
  AudioContext: typeof AudioContext;
  /** A context made already (inside the user gesture); the engine uses it instead of making one, and closes it. */
  context?: AudioContext;
  /** Self-hosted copy of `dist/worklets/micProcessor.js`; default `defaultMicWorkletUrl()`. */
  workletUrl?: string | URL;
  /** How often mic levels arrive from the worklet, and listeners run (ms). Default 50. */
  levelIntervalMs?: number;
  /** Samples per captured chunk at 24 kHz. Default 1200 (50 ms). */
  captureChunkSize?: number;
  /** Defaults to the global; the context has no factory method for worklet nodes. */
  AudioWorkletNode?: typeof AudioWorkletNode;
  /** Drives `subscribe` listeners when no mic feeds them (only the remote stream is attached). */
  timers?: AudioEngineTimers;
}

/**
 * Receives captured mic audio: 24 kHz mono PCM16 (e.g. for `pcm16ToBase64`). Its buffer goes back to the
 * worklet when the call returns (it is detached then): copy what you keep.
 */
export type PcmListener = (chunk: Int16Array) => void;

/**
 * The audio layer of one session: one `AudioContext` (created lazily, closed by `close()`), the mic worklet
 * for input level and PCM capture, an `AnalyserNode` for the remote (agent) level. Levels are read on
 * demand; nothing here touches React state.
 */
export interface AudioEngine {
  /** The engine's `AudioContext`, or `null` before first use and after `close()`. */
  readonly context: AudioContext | null;
  /** Creates the context now if it does not exist and asks it to run (call it from a user gesture). */
  createContext(): void;
  /** Creates the context if needed and loads the mic worklet module. Rejects if the module cannot load. */
  loadWorklet(): Promise<void>;
  /** Meters (and optionally captures) this stream; replaces a previously attached mic. */
  attachMic(stream: MediaStream): void;
  /** Meters the agent's stream; replaces a previously attached one. Playback stays with the `<audio>` element. */
  attachRemote(stream: MediaStream): void;
  /** Mic RMS level, 0..1; 0 while muted. */
  getInputLevel(): number;
  /** Mic peak level over the last interval, 0..1; 0 while muted. */
  getInputPeak(): number;
  /** Agent RMS level, 0..1, measured over the analyser's most recent window when called. */
  getOutputLevel(): number;
  /** `listener` runs when new levels are available (about every `levelIntervalMs`). Returns unsubscribe. */
  subscribe(listener: () => void): () => void;
  /** Starts (with a listener) or stops (`null`) 24 kHz PCM16 capture from the mic worklet. */
  setCapture(onPcm: PcmListener | null): void;
  /** Forces the input level to 0 right away; a disabled track also meters as silence a moment later. */
  setMuted(muted: boolean): void;
  /** Resumes a suspended context; call from a user gesture when the browser blocked audio. */
  resume(): Promise<void>;
  /** Disconnects every node and closes the context. Safe to call twice. */
  close(): Promise<void>;
}
