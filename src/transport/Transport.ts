import type { RealtimeError } from '../core/errors.js';
import type { ClientEvent } from '../core/protocol/events.js';
import type { TransportFallback } from '../core/state/types.js';
import type { OutputAudioEvent } from './websocket/createWebSocketAudio.js';

export type TransportStatus = 'new' | 'connecting' | 'open' | 'closed';

/** What a transport reports. Events-only transports emit `message` and `close`; the rest belong to media. */
export interface TransportEventMap {
  /** One raw message from the server (a JSON string, as the `oai-events` channel or a socket frame carries it). */
  message: string;
  /** The transport ended on its own (channel or connection lost); `close()` does not emit this. */
  close: RealtimeError;
  /** Media transports that leave playback to the session: the model's audio (WebRTC's remote track). */
  remote_stream: MediaStream;
  /**
   * Link health, when the transport knows it: `disconnected` starts the session's grace timer (the call is lost
   * if it lasts), `connected` ends it, `failed` is reported as `close` instead.
   */
  connection_state: RTCPeerConnectionState;
  /** Transports that carry the model's audio as PCM (WebSocket): each delta, decoded. */
  output_audio: OutputAudioEvent;
  /** `'auto'`: WebRTC did not connect in time, the call goes on over WebSocket. */
  fallback: TransportFallback;
  /**
   * An event the transport sent by itself, not through `send` (WebSocket: `response.cancel` and
   * `conversation.item.truncate` on an interruption). The session logs and reports it as its own
   * (`client_event`, the store's event log). Mic audio (`input_audio_buffer.append`) is not reported.
   */
  client_event: ClientEvent;
}

export type { TransportFallback };

export interface TransportConnectResult {
  /** The call id (`rtc_...` from the SDP answer's `Location` header), when the server sent one. */
  callId: string | null;
}

/**
 * The optional audio capability of a transport. The session opens the microphone only for a transport that has
 * one, hands the stream over with `setInput`, and plays what arrives as `remote_stream`.
 */
export interface TransportMedia {
  /**
   * The microphone to send. Called before `connect()` (WebRTC puts the track in its offer) and again on a device
   * switch while open, which must not renegotiate. `null` sends nothing. Rejects when the switch failed; the
   * previous input then stays in use.
   */
  setInput: (stream: MediaStream | null) => Promise<void>;
  /**
   * For transports that play the model's audio themselves (WebSocket): stop playback at once and tell the server
   * how much was heard (`conversation.item.truncate` at the played position). When present, `interrupt()` calls
   * it instead of sending WebRTC's `output_audio_buffer.clear`.
   */
  interruptOutput?: () => void;
  /** The played output level 0..1, for transports that play the audio themselves. */
  getOutputLevel?(): number;
  /** False: the transport takes audio only from `appendInputAudio` (Node) and the session opens no microphone. */
  readonly usesMic?: boolean;
  /** PCM16 24 kHz mono from the app (the session's `appendInputAudio`). */
  appendInputAudio?(pcm: Int16Array): void;
  /** Transports that play the audio themselves: the output device (`'default'` = the system default). */
  setOutputDevice?(deviceId: string): Promise<void>;
}

/**
 * What the session lends a transport that plays and captures audio itself (the current call): its audio engine,
 * whose `AudioContext` was made inside `connect()` (the user gesture) and whose mic worklet captures 24 kHz
 * PCM16 (`setCapture`; the buffer is lent, copy what you keep).
 */
export interface TransportAudioHost {
  readonly engine: {
    readonly context?: unknown;
    setCapture?(listener: ((pcm: Int16Array) => void) | null): void;
  } | null;
}

/** The session options a WebSocket transport reads. */
export interface WebSocketSessionOptions {
  model?: string | undefined;
  relayUrl?: string | undefined;
  WebSocket?: unknown;
  /**
   * `playerWorkletUrl`: a self-hosted copy of `dist/worklets/pcmPlayer.js`. `playedMs`: where the app plays the
   * audio itself (Node), how much of an item it has played, asked when an interruption truncates it.
   */
  audio?:
    | { playerWorkletUrl?: string | URL | undefined; playedMs?: ((itemId: string) => number | undefined) | undefined }
    | undefined;
}

/**
 * How a session talks to the Realtime server: `createWebRtcTransport` over WebRTC, `createScriptedTransport`
 * (talkwire/testing/scripted) in memory, or your own. One transport carries one call: after `close()` the session
 * makes a new one.
 */
export interface Transport<Events extends TransportEventMap = TransportEventMap> {
  readonly status: TransportStatus;
  /** Audio in and out. Absent: the transport carries events only and the session opens no microphone. */
  readonly media?: TransportMedia | undefined;
  /**
   * Connects with an ephemeral key; resolves once events can be sent. Rejects with a `RealtimeError`
   * (`code: 'aborted'` when `signal` aborts) and leaves nothing open when it does.
   */
  connect: (secret: string, signal: AbortSignal) => Promise<TransportConnectResult>;
  /** Throws `RealtimeError('not_connected')` unless `status` is `'open'`. */
  send: (event: ClientEvent) => void;
  /** Frees everything; idempotent. Emits no `close`. */
  close: () => void;
  on: <K extends keyof Events>(type: K, listener: (payload: Events[K]) => void) => () => void;
  /**
   * Connection statistics (WebRTC: the peer connection's `getStats()`), read by the session's liveness check.
   * WebSocket: one entry of type `websocket` with `roundTripTime` (s, a probe's, see `docs/METRICS.md`) and
   * `bufferedAmount`. Absent, or `undefined` before the connection exists, where the transport has none.
   */
  getStats?: () => Promise<RTCStatsReport> | undefined;
}

/** What the session hands a transport factory: its options and the environment, resolved at connect time. */
export interface TransportContext {
  /**
   * `options.apiBaseUrl`, else where the key endpoint said its key is valid; undefined means OpenAI
   * (`https://api.openai.com/v1`). Read it when connecting: the key arrives after the transport is made.
   */
  readonly apiBaseUrl: string | undefined;
  fetch: typeof fetch | null;
  RTCPeerConnection: typeof RTCPeerConnection | null;
  WebSocket: typeof WebSocket | null;
  AudioContext: typeof AudioContext | null;
  /** Absent outside a session, and where the session has no audio (Node). */
  audio?: TransportAudioHost | undefined;
  websocket?: WebSocketSessionOptions | undefined;
  /**
   * The key endpoint's answer, filled in when the key arrives: its `session` (`{ type, model, … }`) when it sent
   * one. A WebSocket connects with `?model=` of that model, else of `websocket.model`.
   */
  minted?: { readonly session?: unknown } | undefined;
  /**
   * What the call is for; absent means `'realtime'`. A transcription session over WebSocket connects with
   * `?intent=transcription`; a translation session uses `/realtime/translations` (`/calls` over WebRTC).
   */
  sessionKind?: 'realtime' | 'transcription' | 'translation';
}

/**
 * Makes the transport for one call. Called once per `connect()` (and per reconnect try), synchronously inside
 * it, before the key and the microphone are requested. It must not open anything yet (that is `connect()`'s job);
 * throw a `RealtimeError` (`unsupported_environment`) when the environment cannot carry it.
 */
export type TransportFactory = (context: TransportContext) => Transport;

/** `createRealtimeSession({ transport })`: a built-in transport by name, or a factory. Default `'webrtc'`. */
export type TransportOption = 'webrtc' | 'websocket' | 'auto' | TransportFactory;
