/**
 * What the session needs from the audio layer: mic and output metering on one `AudioContext`. The session
 * creates one engine per connection and closes it on disconnect.
 */
export interface SessionAudioEngine {
  /**
   * Creates the `AudioContext` now. The session calls it synchronously inside `connect()`, the user gesture
   * that starts the call, so browsers that start audio only from a gesture let it run.
   */
  createContext?(): void;
  /** Loads the mic worklet module; a failure leaves the mic level at 0 but does not stop the call. */
  loadWorklet(): Promise<void>;
  attachMic(stream: MediaStream): void;
  attachRemote(stream: MediaStream): void;
  getInputLevel(): number;
  getOutputLevel(): number;
  subscribe(listener: () => void): () => void;
  /** Reports the input level as 0 at once while muted. */
  setMuted?(muted: boolean): void;
  /** 24 kHz PCM16 capture of the attached mic (the WebSocket transport's uplink); `null` stops. */
  setCapture?(listener: ((pcm: Int16Array) => void) | null): void;
  /** Resumes a suspended `AudioContext` (needed after a user gesture in some browsers). */
  resume?(): Promise<void>;
  /** The engine's context once created; the session watches it to report a suspended context as blocked audio. */
  readonly context?: Pick<BaseAudioContext, 'state' | 'addEventListener' | 'removeEventListener'> | null;
  close(): Promise<void>;
}

export interface SessionAudioEngineOptions {
  AudioContext: typeof AudioContext;
  workletUrl?: string | URL;
}

export type CreateSessionAudioEngine = (options: SessionAudioEngineOptions) => SessionAudioEngine;
