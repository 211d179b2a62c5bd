import type { RealtimeError } from '../core/errors.js';
import type { ClientEvent, ServerEvent } from '../core/protocol/events.js';
import type { RealtimeSessionConfig } from '../core/protocol/session.js';
import type { ConnectionStatus } from '../core/state/types.js';
import type { RealtimeStore } from '../core/state/store.js';

/** Browser APIs the session uses, injectable so tests need no global patching. Defaults are the globals. */
export interface SessionEnvironment {
  fetch: typeof fetch;
  RTCPeerConnection: typeof RTCPeerConnection;
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  AudioContext: typeof AudioContext;
  /** Creates the element that plays the remote audio (Chromium decodes a remote track only when played). */
  createAudioElement: () => HTMLAudioElement;
  /** True in a browser; decides whether standard API keys are refused. */
  isBrowser: boolean;
}

export interface AudioOptions {
  inputDeviceId?: string;
  outputDeviceId?: string;
  echoCancellation?: boolean;
  noiseSuppression?: boolean;
  autoGainControl?: boolean;
  /** Where the mic worklet module is served from; defaults to the file shipped next to the package. */
  workletUrl?: string | URL;
}

export interface RealtimeSessionOptions {
  /** Your endpoint that mints an ephemeral key (POST, answers `{ value, expires_at }` as OpenAI does). */
  clientSecretUrl?: string;
  /** Alternative to `clientSecretUrl`: returns an ephemeral key (`ek_...`). */
  getClientSecret?: (signal: AbortSignal) => Promise<string>;
  /** Default `https://api.openai.com/v1`; the offer is posted to `${apiBaseUrl}/realtime/calls`. */
  apiBaseUrl?: string;
  /** GA session config sent as `session.update` once connected. */
  session?: Partial<RealtimeSessionConfig>;
  audio?: AudioOptions;
  /** Size of the store's event log ring buffer. */
  eventLogSize?: number;
  /** How long `connect()` may take before it fails with `connect_timeout` (ms). */
  connectTimeoutMs?: number;
  /** Standard `sk-` keys in a browser are refused unless this is set. Never ship it. */
  dangerouslyAllowApiKeyInBrowser?: boolean;
  environment?: Partial<SessionEnvironment>;
}

export interface SessionEventMap {
  server_event: ServerEvent;
  client_event: ClientEvent;
  status: ConnectionStatus;
  error: RealtimeError;
}

export type SessionEventType = keyof SessionEventMap;

export interface RealtimeSession {
  readonly store: RealtimeStore;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  setMuted(muted: boolean): void;
  sendText(text: string): void;
  interrupt(): void;
  updateSession(partial: Partial<RealtimeSessionConfig>): void;
  send(event: ClientEvent): void;
  on<T extends SessionEventType>(type: T, handler: (payload: SessionEventMap[T]) => void): () => void;
  /** Mic level 0..1 (RMS), read at animation-frame rate; not React state. */
  getInputLevel(): number;
  /** Agent output level 0..1 (RMS). */
  getOutputLevel(): number;
  /** Calls `listener` whenever new levels are available (at most once per audio block). */
  subscribeLevels(listener: () => void): () => void;
  /** Call from a user gesture when `state.output.playbackBlocked` is true. */
  resumeAudio(): Promise<void>;
}
