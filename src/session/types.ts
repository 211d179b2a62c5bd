import type { RealtimeError } from '../core/errors.js';
import type { ClientEvent, ResponseCreateParams, ServerEvent } from '../core/protocol/events.js';
import type { InputAudioBufferTimeoutTriggeredEvent } from '../core/protocol/serverEvents.js';
import type { RealtimeSessionConfig } from '../core/protocol/session.js';
import type { ConnectionStatus } from '../core/state/types.js';
import type { RealtimeStore } from '../core/state/store.js';
import type { ReconnectOptions } from './reconnectPolicy.js';
import type { CreateSessionAudioEngine } from './SessionAudioEngine.js';
import type { SessionLimitOptions } from './watchCall.js';
import type { FunctionTool, ToolCallDecision, ToolCallState } from './tools/types.js';
import type { TurnDetectionMode } from './turnDetection.js';
import type { MediaDevicesLike } from '../audio/devices.js';
import type { MicPermission } from '../core/state/types.js';
import type { TransportFallback, TransportOption } from '../transport/Transport.js';
import type { OutputAudioEvent } from '../transport/websocket/createWebSocketAudio.js';
import type { WebSocketConstructor } from '../transport/websocket/createWebSocketTransport.js';
import type { AskOptions } from './conversation/ask.js';
import type { ConversationMethods } from './conversation/types.js';
import type { ImageCodec, MessageContent, SendMessageOptions } from './images/types.js';

/** Browser APIs the session uses, injectable so tests need no global patching. Defaults are the globals. */
export interface SessionEnvironment {
  fetch: typeof fetch;
  RTCPeerConnection: typeof RTCPeerConnection;
  /** For WebSocket transports. */
  WebSocket: typeof WebSocket;
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  AudioContext: typeof AudioContext;
  /** Creates the element that plays the remote audio (Chromium decodes a remote track only when played). */
  createAudioElement: () => HTMLAudioElement;
  /** True in a browser; decides whether standard API keys are refused. */
  isBrowser: boolean;
  /** Builds the per-connection audio engine (mic and output levels). Default: talkwire's AudioWorklet engine. */
  createAudioEngine: CreateSessionAudioEngine;
  /** Device listing and `devicechange`, to follow the system default input while connected. */
  mediaDevices: MediaDevicesLike;
  /** Reads the microphone permission (`state.mic.permission`). */
  permissions: Pick<Permissions, 'query'>;
  /** Decodes and re-encodes images for `sendMessage`. Default: `createImageBitmap` and a canvas, loaded on first use. */
  imageCodec: ImageCodec;
}

export interface AudioOptions {
  inputDeviceId?: string;
  outputDeviceId?: string;
  echoCancellation?: boolean;
  noiseSuppression?: boolean;
  autoGainControl?: boolean;
  /** Where the mic worklet module is served from; defaults to the file shipped next to the package. */
  workletUrl?: string | URL;
  /** WebSocket transport: where the player worklet (`dist/worklets/pcmPlayer.js`) is served from. */
  playerWorkletUrl?: string | URL;
  /**
   * WebSocket in Node, where the app plays the `output_audio` itself (a phone bridge): how many ms of `itemId` it
   * has played so far. Asked when an interruption truncates the reply, so the truncate is exactly what was heard.
   * Without it (or when it returns `undefined`) an item is taken to play in real time from its first delta.
   * Not asked in a page, where talkwire's player counts what it played.
   */
  playedMs?: (itemId: string) => number | undefined;
}

export interface RealtimeSessionOptions {
  /** Your endpoint that mints an ephemeral key (POST, answers `{ value, expires_at }` as OpenAI does). */
  clientSecretUrl?: string;
  /** Alternative to `clientSecretUrl`: returns an ephemeral key (`ek_...`). */
  getClientSecret?: (signal: AbortSignal) => Promise<string>;
  /**
   * Instead of a key: your server's `createCallHandler` endpoint (talkwire/server). The browser posts its SDP
   * offer there and the server creates the call with its own key, so no key of any kind reaches the page.
   * Always WebRTC; `clientSecretUrl` and `getClientSecret` are not used.
   */
  callUrl?: string;
  /**
   * Where the offer is posted (`${apiBaseUrl}/realtime/calls`). Default: the `api_base_url` the key endpoint
   * answered beside the key, if any (`realtimeDevServer()` answers its local emulator), else
   * `https://api.openai.com/v1`.
   */
  apiBaseUrl?: string | undefined;
  /**
   * What carries the call: `'webrtc'` (default), `'websocket'`, `'auto'` (WebRTC where the browser has it), or a
   * `TransportFactory` (see docs/ARCHITECTURE.md), e.g. `createScriptedTransport()` from
   * `talkwire/testing/scripted` for tests without a network.
   */
  transport?: TransportOption;
  /**
   * WebSocket transport in Node (server-side agents, phone bridges): a standard API key, sent as
   * `Authorization: Bearer`. Refused in a browser like any non-`ek_` key. Without it the key comes from
   * `clientSecretUrl` / `getClientSecret` as over WebRTC.
   */
  apiKey?: string;
  /** WebSocket transport: the app's relay (`createRealtimeRelay` in talkwire/server). The page holds no key at all. */
  relayUrl?: string;
  /** WebSocket transport: the WebSocket class (Node 20: the `ws` package). Default: the global one. */
  WebSocket?: WebSocketConstructor;
  /** WebSocket transport: the model in the socket URL. Default `gpt-realtime`. */
  model?: string;
  /** GA session config sent as `session.update` once connected. */
  session?: Partial<RealtimeSessionConfig>;
  audio?: AudioOptions;
  /** Size of the store's event log ring buffer. */
  eventLogSize?: number;
  /**
   * How long the key request may take, and separately how long the call setup after it may take (SDP
   * exchange, ICE, `session.created`/`session.updated`), before `connect()` fails with `connect_timeout` (ms).
   * Time the user spends answering the microphone prompt does not count. Default 15 000.
   */
  connectTimeoutMs?: number;
  /** Standard `sk-` keys in a browser are refused unless this is set. Never ship it. */
  dangerouslyAllowApiKeyInBrowser?: boolean;
  environment?: Partial<SessionEnvironment>;
  /**
   * Opt-in: after a lost call (channel closed, peer failed or `disconnected` past the grace period) the session
   * goes `reconnecting`, mints a new key, opens a new call, restores its session config and replays the
   * transcript as text. Default: off (a lost call ends in `failed`). See docs/RELIABILITY.md.
   */
  reconnect?: ReconnectOptions;
  /**
   * How long a live call may go without a packet from the server (consent checks unanswered, or nothing while a
   * response streams) before it counts as lost (ms, default 3 500), and how long the peer may stay
   * `disconnected` (default 10 000). Raise it to ride out longer network drop-outs.
   */
  disconnectGraceMs?: number;
  /**
   * The server's session duration limit (OpenAI: 60 min): `session_limit_warning` is emitted `warnBeforeMs`
   * before it (default 1 min) and the session ends cleanly (`closed`, `lastError.code` `session_expired`) when
   * it is reached. `false` turns the client-side timers off.
   */
  sessionLimit?: SessionLimitOptions | false;
  /**
   * Functions the model may call. Declared with the connect's `session.update` (next to any tools in
   * `session.tools`); each call runs its handler and the result goes back as the call's output.
   */
  tools?: FunctionTool[];
  /** Sees each function call before it runs; return `false` (or `{ approve: false, reason }`) to decline it. */
  onToolCall?: (call: ToolCallState) => ToolCallDecision | Promise<ToolCallDecision>;
  /** How long a tool handler may take (ms) unless the tool sets `timeoutMs`. Default 30 000. */
  toolTimeoutMs?: number;
}

export interface SessionEventMap {
  /** Every well-formed event from the server, after the store has reduced it. */
  server_event: ServerEvent;
  /** Every event the session sent. */
  client_event: ClientEvent;
  status: ConnectionStatus;
  /**
   * Connection failures (status becomes `failed`) and server `error` events (`code: 'server_error'`, the
   * connection stays up). A cancelled connect (`aborted`) is not reported here.
   */
  error: RealtimeError;
  /** Malformed or unknown server events (`code: 'protocol_error'`); they are logged and otherwise ignored. */
  warning: RealtimeError;
  /** The session will reach its duration limit in `remainingMs`; offer the user to wrap up or start anew. */
  session_limit_warning: { remainingMs: number };
  /** A function call failed (bad arguments, a throwing handler, a timeout, an unknown tool); the model was told. */
  tool_error: { error: RealtimeError; call: ToolCallState };
  /** A function call started, changed status or finished (all of them are in `state.toolCalls`). */
  tool_call: ToolCallState;
  /** WebSocket transport: each `response.output_audio.delta`, decoded (the samples are the listener's to keep). */
  output_audio: OutputAudioEvent;
  /** `transport: 'auto'`: WebRTC did not connect in time; this call goes on over WebSocket. */
  transport_fallback: TransportFallback;
  /** The call exists (after the SDP exchange, before `session.created`): tell your server `callId` to attach to it. */
  call_started: { callId: string };
  /**
   * Nobody spoke for the session's `idle_timeout_ms` (`input_audio_buffer.timeout_triggered`): the server commits
   * the silence as a user turn (`itemId`, `entry.idle` in the transcript) after a system note of its own, and
   * answers it, to prompt the user. The payload is the server's event (`item_id`, `audio_start_ms`, `audio_end_ms`).
   */
  idle: InputAudioBufferTimeoutTriggeredEvent;
}

export type SessionEventType = keyof SessionEventMap;

export interface RealtimeSession extends ConversationMethods {
  readonly store: RealtimeStore;
  /** OpenAI's id of the current call (`rtc_…`), for your server's `attachToCall`/`hangupCall`; null before one exists. */
  readonly callId: string | null;
  /**
   * Resolves when the session is ready to talk. Calling it again while connecting returns the same promise;
   * while connected it resolves at once. Rejects with a `RealtimeError`; the same error is in
   * `state.lastError` and emitted as `error`, and the returned promise is already marked handled, so
   * `void session.connect()` from a click handler causes no unhandled rejection.
   */
  connect: () => Promise<void>;
  /** Ends the call (or a pending connect, which rejects with `aborted`) and frees mic, connection and audio. */
  disconnect: () => Promise<void>;
  setMuted: (muted: boolean) => void;
  /** Adds a user text message and asks for a response (queued while a response is active). */
  sendText: (text: string) => void;
  /**
   * Adds a user message of text and images (`input_image` parts from a `File`, `Blob`, `ImageBitmap`, canvas,
   * `<img>` or URL) and, once the server has it, asks for a response. Images are scaled down (longest side
   * `maxDimension`, default 1024) and re-encoded as JPEG to stay well under what the data channel carries.
   * Resolves with the item id; rejects with `image_too_large`, `invalid_image` (undecodable, or refused by the
   * server), `not_connected`, `wait_timeout` or `aborted` (the call ended).
   */
  sendMessage(content: MessageContent, options?: SendMessageOptions): Promise<string>;
  interrupt: () => void;
  /**
   * Asks for a response, never while one is active on the conversation: the request waits for it to finish.
   * Plain requests that wait together become one response.
   */
  requestResponse: (params?: ResponseCreateParams) => void;
  /** Switches how turns end, at runtime (`session.update`). Before connecting, applies to the next connect. */
  setTurnDetection: (mode: TurnDetectionMode) => void;
  /** The current turn mode. */
  getTurnDetection: () => TurnDetectionMode;
  /**
   * Push-to-talk press: switches to push-to-talk if needed, cuts the agent off if it is answering, clears the
   * input buffer and opens the mic.
   */
  startTalking: () => void;
  /** Push-to-talk release: closes the mic, commits the turn and asks for an answer. False when the press was too short (under 150 ms) and was dropped. */
  stopTalking: () => boolean;
  /** Runs a function call waiting for approval (`needsApproval`). False when no such call waits. */
  approveToolCall: (callId: string) => boolean;
  /** Declines a waiting function call; the model is told the user declined (and why, when given). */
  rejectToolCall: (callId: string, reason?: string) => boolean;
  /** Function calls of this conversation in arrival order: `store.getState().toolCalls` (a new array on each change). */
  getToolCalls: () => readonly ToolCallState[];
  /** Calls `listener` when `state.toolCalls` changes (the same as a store subscription on it). */
  subscribeToolCalls(listener: () => void): () => void;
  /**
   * A side question: an out-of-band response (`conversation: 'none'`) that runs beside the conversation's own,
   * never enters the transcript nor what a reconnect replays, and resolves with its text (parsed with
   * `json: true`). Rejects with `aborted` (signal), `wait_timeout`, `response_failed`, `server_error` or
   * `not_connected`.
   */
  ask<T = string>(options?: AskOptions): Promise<T>;
  /**
   * Adds a function tool at run time (or replaces one of that name), as seed clients do: a live call gets a
   * `session.update` with the full tool list; otherwise it is declared at the next connect.
   */
  addTool(definition: Omit<FunctionTool, 'handler'>, handler: FunctionTool['handler']): void;
  /** Removes a function tool by name; a live call gets a `session.update` without it. */
  removeTool(name: string): void;
  /** Answers an `mcp_approval_request` item with `mcp_approval_response`, then asks for the response to continue. */
  respondToMcpApproval(approvalRequestId: string, approve: boolean, reason?: string): void;
  /**
   * Sends `session.update` (`type: 'realtime'` added) and keeps it for a reconnect. While not connected, the
   * update is kept (as seed clients keep their session config) and rides on every later connect's own
   * `session.update`, not as a separate event.
   */
  updateSession(partial: Partial<RealtimeSessionConfig>): void;
  /**
   * WebSocket transport: sends PCM16 24 kHz mono (any length) as `input_audio_buffer.append` in 50 ms chunks,
   * holding back while the socket is busy. Throws `not_connected` without a connected WebSocket call.
   */
  appendInputAudio(pcm: Int16Array): void;
  send(event: ClientEvent): void;
  on<T extends SessionEventType>(type: T, handler: (payload: SessionEventMap[T]) => void): () => void;
  /** Mic level 0..1 (RMS), read at animation-frame rate; not React state. */
  getInputLevel: () => number;
  /** Agent output level 0..1 (RMS). */
  getOutputLevel: () => number;
  /** Calls `listener` whenever new levels are available (at most once per audio block). */
  subscribeLevels(listener: () => void): () => void;
  /**
   * The current call's connection statistics (WebRTC: `getStats()`; WebSocket: one `websocket` entry with
   * `roundTripTime` in seconds and `bufferedAmount`, and each reading sends one round-trip probe); undefined
   * without a call or on a transport that has none.
   */
  getStats(): Promise<RTCStatsReport> | undefined;
  /**
   * Call from a user gesture when `state.output.playbackBlocked` is true. Never rejects: if the browser still
   * refuses, `playbackBlocked` stays true.
   */
  resumeAudio: () => Promise<void>;
  /**
   * Moves the call to another microphone (`'default'` = follow the system default) without renegotiating:
   * the new mic opens with the session's constraints, replaces the sent track, keeps the mute state and
   * feeds the meter; the old one is stopped. Not connected: the choice applies to the next `connect()`.
   * Rejects with a `RealtimeError` (`mic_permission_denied`, `mic_unavailable`); the old mic stays in use.
   */
  setInputDevice: (deviceId: string) => Promise<void>;
  /**
   * Plays the agent through another output device with `setSinkId` (`'default'` = system default). Rejects
   * with `unsupported_environment` where the browser cannot choose outputs (Safari), or
   * `audio_output_unavailable` when the device is gone. Not connected: applies at the next `connect()`.
   */
  setOutputDevice: (deviceId: string) => Promise<void>;
  /** Reads the microphone permission without prompting, writes it to `state.mic.permission` and returns it. */
  checkMicPermission: () => Promise<MicPermission>;
}
