/** GA Realtime server events, one interface per event type (the union is `ServerEvent` in events.ts). */
import type { ConversationItem } from './items.js';
import type { AnySessionConfig } from './session.js';
import type { RealtimeErrorPayload, RealtimeResponse, ContentPart, RateLimit, LogProb } from './payloads.js';

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
