/**
 * GA Realtime client and server events. Field lists follow OpenAI's published schemas; a compile-time test
 * (test/core/protocol.conformance.ts) checks the type names against the `openai` package.
 */
import type { ConversationItem, ItemReference } from './items.js';
import type {
  AnySessionConfig,
  RealtimeAudioFormat,
  RealtimePromptReference,
  RealtimeSessionConfig,
  RealtimeTool,
  RealtimeToolChoice,
  RealtimeTranscriptionSessionConfig,
  RealtimeVoice,
} from './session.js';

// ---------------------------------------------------------------------------------------------------------
// Shared payloads

export interface RealtimeErrorPayload {
  type: string;
  code?: string | null;
  message: string;
  param?: string | null;
  /** The client event that caused the error, when the client sent an `event_id`. */
  event_id?: string | null;
}

export type ResponseStatusValue = 'in_progress' | 'completed' | 'cancelled' | 'failed' | 'incomplete';

export interface ResponseUsage {
  total_tokens?: number;
  input_tokens?: number;
  output_tokens?: number;
  input_token_details?: {
    text_tokens?: number;
    audio_tokens?: number;
    image_tokens?: number;
    cached_tokens?: number;
    cached_tokens_details?: { text_tokens?: number; audio_tokens?: number; image_tokens?: number };
  };
  output_token_details?: { text_tokens?: number; audio_tokens?: number };
}

export interface RealtimeResponse {
  id?: string;
  object?: 'realtime.response';
  status?: ResponseStatusValue;
  status_details?: {
    type?: ResponseStatusValue;
    reason?: 'turn_detected' | 'client_cancelled' | 'max_output_tokens' | 'content_filter' | (string & {});
    error?: { type?: string; code?: string } | null;
  } | null;
  output?: ConversationItem[];
  conversation_id?: string | null;
  output_modalities?: Array<'audio' | 'text'>;
  max_output_tokens?: number | 'inf';
  audio?: { output?: { format?: RealtimeAudioFormat; voice?: RealtimeVoice | { id: string } } };
  usage?: ResponseUsage | null;
  metadata?: Record<string, string> | null;
}

/** `part` of `response.content_part.*`: still `audio`/`text` in GA (items use `output_audio`/`output_text`). */
export interface ContentPart {
  type: 'audio' | 'text';
  text?: string;
  transcript?: string;
  audio?: string;
}

export interface RateLimit {
  name?: 'requests' | 'tokens';
  limit?: number;
  remaining?: number;
  reset_seconds?: number;
}

export interface LogProb {
  token: string;
  logprob: number;
  bytes: number[];
}

// ---------------------------------------------------------------------------------------------------------
// Server events (GA names)

interface ServerEventBase {
  event_id: string;
}

interface ResponsePartRef extends ServerEventBase {
  response_id: string;
  item_id: string;
  output_index: number;
  content_index: number;
}

export interface ConversationCreatedEvent extends ServerEventBase {
  type: 'conversation.created';
  conversation: { id?: string; object?: 'realtime.conversation' };
}
export interface ConversationItemCreatedEvent extends ServerEventBase {
  type: 'conversation.item.created';
  previous_item_id?: string | null;
  item: ConversationItem;
}
export interface ConversationItemAddedEvent extends ServerEventBase {
  type: 'conversation.item.added';
  previous_item_id?: string | null;
  item: ConversationItem;
}
export interface ConversationItemDoneEvent extends ServerEventBase {
  type: 'conversation.item.done';
  previous_item_id?: string | null;
  item: ConversationItem;
}
export interface ConversationItemDeletedEvent extends ServerEventBase {
  type: 'conversation.item.deleted';
  item_id: string;
}
export interface ConversationItemRetrievedEvent extends ServerEventBase {
  type: 'conversation.item.retrieved';
  item: ConversationItem;
}
export interface ConversationItemTruncatedEvent extends ServerEventBase {
  type: 'conversation.item.truncated';
  item_id: string;
  content_index: number;
  audio_end_ms: number;
}
export interface InputAudioTranscriptionCompletedEvent extends ServerEventBase {
  type: 'conversation.item.input_audio_transcription.completed';
  item_id: string;
  content_index: number;
  transcript: string;
  languages?: string[];
  logprobs?: LogProb[] | null;
  usage?: unknown;
}
export interface InputAudioTranscriptionDeltaEvent extends ServerEventBase {
  type: 'conversation.item.input_audio_transcription.delta';
  item_id: string;
  content_index?: number;
  delta?: string;
  logprobs?: LogProb[] | null;
}
export interface InputAudioTranscriptionFailedEvent extends ServerEventBase {
  type: 'conversation.item.input_audio_transcription.failed';
  item_id: string;
  content_index: number;
  error: { type?: string; code?: string; message?: string; param?: string | null };
}
export interface InputAudioTranscriptionSegmentEvent extends ServerEventBase {
  type: 'conversation.item.input_audio_transcription.segment';
  item_id: string;
  content_index: number;
  id: string;
  text: string;
  speaker: string;
  start: number;
  end: number;
}
export interface ErrorEvent extends ServerEventBase {
  type: 'error';
  error: RealtimeErrorPayload;
}
export interface InputAudioBufferClearedEvent extends ServerEventBase {
  type: 'input_audio_buffer.cleared';
}
export interface InputAudioBufferCommittedEvent extends ServerEventBase {
  type: 'input_audio_buffer.committed';
  previous_item_id?: string | null;
  item_id: string;
}
/** SIP only; carries no `event_id`. */
export interface InputAudioBufferDtmfEventReceivedEvent {
  type: 'input_audio_buffer.dtmf_event_received';
  event: string;
  received_at: number;
}
export interface InputAudioBufferSpeechStartedEvent extends ServerEventBase {
  type: 'input_audio_buffer.speech_started';
  audio_start_ms: number;
  item_id: string;
}
export interface InputAudioBufferSpeechStoppedEvent extends ServerEventBase {
  type: 'input_audio_buffer.speech_stopped';
  audio_end_ms: number;
  item_id: string;
}
export interface InputAudioBufferTimeoutTriggeredEvent extends ServerEventBase {
  type: 'input_audio_buffer.timeout_triggered';
  audio_start_ms: number;
  audio_end_ms: number;
  item_id: string;
}
export interface RateLimitsUpdatedEvent extends ServerEventBase {
  type: 'rate_limits.updated';
  rate_limits: RateLimit[];
}
export interface ResponseOutputAudioDeltaEvent extends ResponsePartRef {
  type: 'response.output_audio.delta';
  delta: string;
}
export interface ResponseOutputAudioDoneEvent extends ResponsePartRef {
  type: 'response.output_audio.done';
}
export interface ResponseOutputAudioTranscriptDeltaEvent extends ResponsePartRef {
  type: 'response.output_audio_transcript.delta';
  delta: string;
}
export interface ResponseOutputAudioTranscriptDoneEvent extends ResponsePartRef {
  type: 'response.output_audio_transcript.done';
  transcript: string;
}
export interface ResponseOutputTextDeltaEvent extends ResponsePartRef {
  type: 'response.output_text.delta';
  delta: string;
}
export interface ResponseOutputTextDoneEvent extends ResponsePartRef {
  type: 'response.output_text.done';
  text: string;
}
export interface ResponseContentPartAddedEvent extends ResponsePartRef {
  type: 'response.content_part.added';
  part: ContentPart;
}
export interface ResponseContentPartDoneEvent extends ResponsePartRef {
  type: 'response.content_part.done';
  part: ContentPart;
}
export interface ResponseCreatedEvent extends ServerEventBase {
  type: 'response.created';
  response: RealtimeResponse;
}
export interface ResponseDoneEvent extends ServerEventBase {
  type: 'response.done';
  response: RealtimeResponse;
}
export interface ResponseFunctionCallArgumentsDeltaEvent extends ServerEventBase {
  type: 'response.function_call_arguments.delta';
  response_id: string;
  item_id: string;
  output_index: number;
  call_id: string;
  delta: string;
}
export interface ResponseFunctionCallArgumentsDoneEvent extends ServerEventBase {
  type: 'response.function_call_arguments.done';
  response_id: string;
  item_id: string;
  output_index: number;
  call_id: string;
  name: string;
  arguments: string;
}
export interface ResponseOutputItemAddedEvent extends ServerEventBase {
  type: 'response.output_item.added';
  response_id: string;
  output_index: number;
  item: ConversationItem;
}
export interface ResponseOutputItemDoneEvent extends ServerEventBase {
  type: 'response.output_item.done';
  response_id: string;
  output_index: number;
  item: ConversationItem;
}
export interface SessionCreatedEvent extends ServerEventBase {
  type: 'session.created';
  session: AnySessionConfig;
}
export interface SessionUpdatedEvent extends ServerEventBase {
  type: 'session.updated';
  session: AnySessionConfig;
}
export interface OutputAudioBufferStartedEvent extends ServerEventBase {
  type: 'output_audio_buffer.started';
  response_id: string;
}
export interface OutputAudioBufferStoppedEvent extends ServerEventBase {
  type: 'output_audio_buffer.stopped';
  response_id: string;
}
export interface OutputAudioBufferClearedEvent extends ServerEventBase {
  type: 'output_audio_buffer.cleared';
  response_id: string;
}
export interface McpListToolsInProgressEvent extends ServerEventBase {
  type: 'mcp_list_tools.in_progress';
  item_id: string;
}
export interface McpListToolsCompletedEvent extends ServerEventBase {
  type: 'mcp_list_tools.completed';
  item_id: string;
}
export interface McpListToolsFailedEvent extends ServerEventBase {
  type: 'mcp_list_tools.failed';
  item_id: string;
}
export interface ResponseMcpCallArgumentsDeltaEvent extends ServerEventBase {
  type: 'response.mcp_call_arguments.delta';
  response_id: string;
  item_id: string;
  output_index: number;
  delta: string;
  obfuscation?: string | null;
}
export interface ResponseMcpCallArgumentsDoneEvent extends ServerEventBase {
  type: 'response.mcp_call_arguments.done';
  response_id: string;
  item_id: string;
  output_index: number;
  arguments: string;
}
export interface ResponseMcpCallInProgressEvent extends ServerEventBase {
  type: 'response.mcp_call.in_progress';
  output_index: number;
  item_id: string;
}
export interface ResponseMcpCallCompletedEvent extends ServerEventBase {
  type: 'response.mcp_call.completed';
  output_index: number;
  item_id: string;
}
export interface ResponseMcpCallFailedEvent extends ServerEventBase {
  type: 'response.mcp_call.failed';
  output_index: number;
  item_id: string;
}

/** Every GA server event (`RealtimeServerEvent`, 46 types). */
export type ServerEvent =
  | ConversationCreatedEvent
  | ConversationItemCreatedEvent
  | ConversationItemDeletedEvent
  | InputAudioTranscriptionCompletedEvent
  | InputAudioTranscriptionDeltaEvent
  | InputAudioTranscriptionFailedEvent
  | ConversationItemRetrievedEvent
  | ConversationItemTruncatedEvent
  | ErrorEvent
  | InputAudioBufferClearedEvent
  | InputAudioBufferCommittedEvent
  | InputAudioBufferDtmfEventReceivedEvent
  | InputAudioBufferSpeechStartedEvent
  | InputAudioBufferSpeechStoppedEvent
  | RateLimitsUpdatedEvent
  | ResponseOutputAudioDeltaEvent
  | ResponseOutputAudioDoneEvent
  | ResponseOutputAudioTranscriptDeltaEvent
  | ResponseOutputAudioTranscriptDoneEvent
  | ResponseContentPartAddedEvent
  | ResponseContentPartDoneEvent
  | ResponseCreatedEvent
  | ResponseDoneEvent
  | ResponseFunctionCallArgumentsDeltaEvent
  | ResponseFunctionCallArgumentsDoneEvent
  | ResponseOutputItemAddedEvent
  | ResponseOutputItemDoneEvent
  | ResponseOutputTextDeltaEvent
  | ResponseOutputTextDoneEvent
  | SessionCreatedEvent
  | SessionUpdatedEvent
  | OutputAudioBufferStartedEvent
  | OutputAudioBufferStoppedEvent
  | OutputAudioBufferClearedEvent
  | ConversationItemAddedEvent
  | ConversationItemDoneEvent
  | InputAudioBufferTimeoutTriggeredEvent
  | InputAudioTranscriptionSegmentEvent
  | McpListToolsInProgressEvent
  | McpListToolsCompletedEvent
  | McpListToolsFailedEvent
  | ResponseMcpCallArgumentsDeltaEvent
  | ResponseMcpCallArgumentsDoneEvent
  | ResponseMcpCallInProgressEvent
  | ResponseMcpCallCompletedEvent
  | ResponseMcpCallFailedEvent;

export type ServerEventType = ServerEvent['type'];
export type ServerEventOf<T extends ServerEventType> = Extract<ServerEvent, { type: T }>;

/** Runtime list of every GA server event type; `satisfies` keeps it in step with the union. */
export const SERVER_EVENT_TYPES = [
  'conversation.created',
  'conversation.item.created',
  'conversation.item.deleted',
  'conversation.item.input_audio_transcription.completed',
  'conversation.item.input_audio_transcription.delta',
  'conversation.item.input_audio_transcription.failed',
  'conversation.item.retrieved',
  'conversation.item.truncated',
  'error',
  'input_audio_buffer.cleared',
  'input_audio_buffer.committed',
  'input_audio_buffer.dtmf_event_received',
  'input_audio_buffer.speech_started',
  'input_audio_buffer.speech_stopped',
  'rate_limits.updated',
  'response.output_audio.delta',
  'response.output_audio.done',
  'response.output_audio_transcript.delta',
  'response.output_audio_transcript.done',
  'response.content_part.added',
  'response.content_part.done',
  'response.created',
  'response.done',
  'response.function_call_arguments.delta',
  'response.function_call_arguments.done',
  'response.output_item.added',
  'response.output_item.done',
  'response.output_text.delta',
  'response.output_text.done',
  'session.created',
  'session.updated',
  'output_audio_buffer.started',
  'output_audio_buffer.stopped',
  'output_audio_buffer.cleared',
  'conversation.item.added',
  'conversation.item.done',
  'input_audio_buffer.timeout_triggered',
  'conversation.item.input_audio_transcription.segment',
  'mcp_list_tools.in_progress',
  'mcp_list_tools.completed',
  'mcp_list_tools.failed',
  'response.mcp_call_arguments.delta',
  'response.mcp_call_arguments.done',
  'response.mcp_call.in_progress',
  'response.mcp_call.completed',
  'response.mcp_call.failed',
] as const satisfies readonly ServerEventType[];

/** Beta server event names and the GA names they map to. */
export const BETA_SERVER_EVENT_NAMES = {
  'response.audio.delta': 'response.output_audio.delta',
  'response.audio.done': 'response.output_audio.done',
  'response.audio_transcript.delta': 'response.output_audio_transcript.delta',
  'response.audio_transcript.done': 'response.output_audio_transcript.done',
  'response.text.delta': 'response.output_text.delta',
  'response.text.done': 'response.output_text.done',
  'transcription_session.created': 'session.created',
  'transcription_session.updated': 'session.updated',
} as const satisfies Readonly<Record<string, ServerEventType>>;

export type BetaServerEventType = keyof typeof BETA_SERVER_EVENT_NAMES;

// ---------------------------------------------------------------------------------------------------------
// Client events (GA names)

interface ClientEventBase {
  event_id?: string;
}

export interface SessionUpdateEvent extends ClientEventBase {
  type: 'session.update';
  session: RealtimeSessionConfig | RealtimeTranscriptionSessionConfig;
}
export interface InputAudioBufferAppendEvent extends ClientEventBase {
  type: 'input_audio_buffer.append';
  /** Base64 audio in the session's input format. */
  audio: string;
}
export interface InputAudioBufferCommitEvent extends ClientEventBase {
  type: 'input_audio_buffer.commit';
}
export interface InputAudioBufferClearEvent extends ClientEventBase {
  type: 'input_audio_buffer.clear';
}
/** WebRTC/SIP only; send after `response.cancel`. */
export interface OutputAudioBufferClearEvent extends ClientEventBase {
  type: 'output_audio_buffer.clear';
}
export interface ConversationItemCreateEvent extends ClientEventBase {
  type: 'conversation.item.create';
  /** `root` inserts at the beginning; omitted appends. */
  previous_item_id?: string;
  item: ConversationItem;
}
export interface ConversationItemRetrieveEvent extends ClientEventBase {
  type: 'conversation.item.retrieve';
  item_id: string;
}
export interface ConversationItemTruncateEvent extends ClientEventBase {
  type: 'conversation.item.truncate';
  item_id: string;
  content_index: number;
  audio_end_ms: number;
}
export interface ConversationItemDeleteEvent extends ClientEventBase {
  type: 'conversation.item.delete';
  item_id: string;
}

export interface ResponseCreateParams {
  output_modalities?: Array<'audio' | 'text'>;
  instructions?: string;
  audio?: { output?: { format?: RealtimeAudioFormat; voice?: RealtimeVoice | { id: string } } };
  tools?: RealtimeTool[];
  tool_choice?: RealtimeToolChoice;
  max_output_tokens?: number | 'inf';
  /** `auto` writes to the default conversation; `none` makes an out-of-band response. */
  conversation?: 'auto' | 'none' | (string & {});
  metadata?: Record<string, string> | null;
  prompt?: RealtimePromptReference | null;
  input?: Array<ConversationItem | ItemReference>;
  reasoning?: { effort?: 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' };
  parallel_tool_calls?: boolean;
}

export interface ResponseCreateEvent extends ClientEventBase {
  type: 'response.create';
  response?: ResponseCreateParams;
}
export interface ResponseCancelEvent extends ClientEventBase {
  type: 'response.cancel';
  response_id?: string;
}

/** Every GA client event (`RealtimeClientEvent`, 11 types). */
export type ClientEvent =
  | SessionUpdateEvent
  | InputAudioBufferAppendEvent
  | InputAudioBufferCommitEvent
  | InputAudioBufferClearEvent
  | OutputAudioBufferClearEvent
  | ConversationItemCreateEvent
  | ConversationItemRetrieveEvent
  | ConversationItemTruncateEvent
  | ConversationItemDeleteEvent
  | ResponseCreateEvent
  | ResponseCancelEvent;

export type ClientEventType = ClientEvent['type'];

export const CLIENT_EVENT_TYPES = [
  'session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'output_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.retrieve',
  'conversation.item.truncate',
  'conversation.item.delete',
  'response.create',
  'response.cancel',
] as const satisfies readonly ClientEventType[];
