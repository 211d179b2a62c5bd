import type { ServerEvent } from '../protocol/events.js';
import type { RealtimeSessionConfig, RealtimeTranscriptionSessionConfig } from '../protocol/session.js';
import type { ConversationOrder } from './conversationOrder.js';
import type { KeyedTable } from './KeyedTable.js';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed' | 'failed';
export type AgentState = 'idle' | 'listening' | 'thinking' | 'speaking';
export type ItemStatus = 'in_progress' | 'completed' | 'incomplete';
export type Role = 'user' | 'assistant' | 'system';
export type ItemKind =
  | 'message'
  | 'function_call'
  | 'function_call_output'
  | 'mcp_call'
  | 'mcp_list_tools'
  | 'mcp_approval_request'
  | 'mcp_approval_response';

/** One entry of `selectTranscript(state)`, in conversation order. (contract) */
export interface TranscriptEntry {
  id: string;
  role: Role;
  kind: ItemKind;
  /** Transcript for audio, text for text; for tool items a short readable summary (name and arguments/output). */
  text: string;
  status: ItemStatus;
  /** True once the text will not change any more (`.done`, `completed`, or the item ended). */
  final: boolean;
  /** Set when something went wrong for this entry (failed input transcription, failed MCP call). */
  error?: string;
  /**
   * Set when an interruption cut an assistant reply: the part of `text` the user heard. The rest of `text` was
   * generated but never spoken.
   */
  heard?: string;
  /** The images of a user message, in order (`input_image` parts), with the alt text given when sending. */
  images?: readonly ItemImage[];
  /**
   * A user turn the server made by itself after `idle_timeout_ms` of silence (`input_audio_buffer.timeout_triggered`):
   * nobody spoke, so the default transcript leaves it out.
   */
  idle?: boolean;
}

/** An image of a user message. (contract) */
export interface ItemImage {
  /** A `data:` URL to show as a thumbnail; absent when the server's copy carried no image bytes. */
  url?: string;
  /** Alt text given to `sendMessage`; the transcript falls back to its `image` label. */
  alt?: string;
}

/** The reducer's view of one conversation item. Items that did not change keep their identity. */
export interface ConversationItemState {
  id: string;
  kind: ItemKind;
  role: Role;
  status: ItemStatus;
  /** Concatenated deltas, replaced by the `.done` value when it arrives. */
  text: string;
  final: boolean;
  /** The content carried audio (user speech or assistant voice). */
  audio: boolean;
  /** Input transcription state of a user audio item. */
  transcription?: 'pending' | 'completed' | 'failed';
  responseId?: string;
  /** Function and MCP calls. */
  name?: string;
  callId?: string;
  arguments?: string;
  output?: string;
  serverLabel?: string;
  error?: string;
  /** Free-form data kept for MCP and unknown item types. */
  raw?: unknown;
  /** Text of each content part (`text` is their concatenation). Internal. */
  parts?: readonly string[];
  /** `previous_item_id` as the server last reported it. */
  previousItemId?: string | null;
  /** Where the item's audio was cut (`conversation.item.truncated`). */
  audioEndMs?: number;
  /** After an interruption: the part of `text` that was played (the server's truncated transcript). */
  heard?: string;
  /** `input_image` parts of a user message, in order. */
  images?: readonly ItemImage[];
  /** The silent user turn of an idle timeout (`input_audio_buffer.timeout_triggered`). */
  idle?: boolean;
}

export interface ResponseState {
  id: string;
  status: 'in_progress' | 'completed' | 'cancelled' | 'failed' | 'incomplete';
  /** `status_details.reason`, e.g. `turn_detected` or `client_cancelled`. */
  reason?: string;
  itemIds: readonly string[];
  /** Created with `conversation: 'none'` (`ask()`): its items never join the conversation or the transcript. */
  outOfBand?: boolean;
}

/** One entry of `rate_limits.updated`, as the server last sent it (`state.rateLimits`). (contract) */
export interface RateLimitState {
  /** `requests` or `tokens`. */
  name: string;
  /** Undefined when the server sent no number. */
  limit: number | undefined;
  remaining: number | undefined;
  /** Seconds until the limit resets, counted from when the event arrived. */
  resetSeconds: number | undefined;
}

export interface UsageTotals {
  responses: number;
  totalTokens: number;
  inputTokens: number;
  outputTokens: number;
  inputTextTokens: number;
  inputAudioTokens: number;
  cachedTokens: number;
  outputTextTokens: number;
  outputAudioTokens: number;
}

/** The last error, from the server (`error` event) or from the client (a `RealtimeError`). */
export interface ErrorInfo {
  source: 'server' | 'client';
  code: string;
  message: string;
  type?: string;
  param?: string;
  /** For server errors: the client event id that caused it. */
  eventId?: string;
  status?: number;
}

export type MicPermission = 'prompt' | 'granted' | 'denied' | 'unavailable';

export interface MicState {
  muted: boolean;
  permission: MicPermission;
  deviceId: string | null;
}

/** `transport: 'auto'` gave up on WebRTC for this call and carried it over WebSocket. */
export interface TransportFallback {
  from: 'webrtc';
  to: 'websocket';
  /** Why WebRTC was given up (its error message). */
  reason: string;
}

/** What carries the call (`state.transport`). */
export interface TransportState {
  /** `'custom'`: a `TransportFactory`. Null before the first `connect()`. Set at each connect, moved by a fallback. */
  kind: 'webrtc' | 'websocket' | 'custom' | null;
  /** Set when `transport: 'auto'` fell back to WebSocket for the current call; null otherwise. */
  fallback: TransportFallback | null;
}

export interface AudioOutputState {
  /**
   * The browser holds the session's audio until a user gesture (playback refused, or the AudioContext that
   * meters the levels suspended); call `session.resumeAudio()` from a click.
   */
  playbackBlocked: boolean;
  deviceId: string | null;
}

export type ToolCallStatus =
  'pending_approval' | 'running' | 'completed' | 'failed' | 'timed_out' | 'declined' | 'cancelled';

/** One function call, as the UI sees it (`state.toolCalls`). A new object whenever it changes. */
export interface ToolCallState {
  callId: string;
  itemId: string;
  name: string;
  /** The raw JSON string the model produced. */
  arguments: string;
  status: ToolCallStatus;
  responseId?: string;
  /** The output sent back to the model (after the handler ran, failed or was declined). */
  output?: string;
  /** Why the call failed, timed out or was declined. */
  error?: string;
}

export interface RealtimeState {
  status: ConnectionStatus;
  agentState: AgentState;
  /** The effective session config, as the server last reported it (`session.created` / `session.updated`). */
  session: RealtimeSessionConfig | null;
  /** Call id from the `Location` header of the SDP answer. */
  callId: string | null;
  /**
   * Items by id. Internal representation (a persistent table, O(1) per streaming delta): read items with
   * `selectItem`, `selectOrder` and `selectTranscript`, never directly.
   */
  items: KeyedTable<ConversationItemState>;
  /**
   * Item ids in conversation order (by `previous_item_id`, not arrival order). Internal representation (a
   * persistent linked list, O(1) per insert wherever it goes): read it with `selectOrder`. Changes only when
   * items are added, moved or removed.
   */
  order: ConversationOrder;
  /** Responses by id. Internal representation: read with `selectResponse`. */
  responses: KeyedTable<ResponseState>;
  /** Internal: ids of responses without `response.done` yet, oldest first (bounded). */
  openResponses: readonly string[];
  /** The response currently writing to the default conversation, if any. */
  activeResponseId: string | null;
  /** The response whose audio is playing (`output_audio_buffer.started` until stopped/cleared). */
  speakingResponseId: string | null;
  usage: UsageTotals;
  /** The latest `rate_limits.updated` (OpenAI sends one after each `response.done`); empty until one arrives. */
  rateLimits: readonly RateLimitState[];
  lastError: ErrorInfo | null;
  mic: MicState;
  output: AudioOutputState;
  /** What carries the call, and whether `transport: 'auto'` fell back to WebSocket (and why). */
  transport: TransportState;
  /** A transcription-only session (`session.type: "transcription"`), if the server reported one. */
  transcriptionSession: RealtimeTranscriptionSessionConfig | null;
  /** Between `input_audio_buffer.speech_started` and `speech_stopped`/`committed`. */
  userSpeaking: boolean;
  /** After `input_audio_buffer.committed`, until a response starts or the turn is abandoned. */
  awaitingResponse: boolean;
  /** Function calls of this conversation in arrival order, with their status (a new array on each change). */
  toolCalls: readonly ToolCallState[];
  /** Internal: item-scoped events that arrived before their item (bounded), replayed when it appears. */
  pending: Readonly<Record<string, readonly ServerEvent[]>>;
  /** Internal: items placed before their `previous_item_id` was known, keyed by that id. */
  orphans: Readonly<Record<string, readonly string[]>>;
  /**
   * The last time a bound was hit under broken or hostile input (something waiting was dropped, oldest first);
   * `count` says how many times so far. Null while nothing was dropped.
   */
  protocolWarning: ProtocolWarning | null;
}

export interface ProtocolWarning {
  message: string;
  count: number;
}
