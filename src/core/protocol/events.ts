/**
 * GA Realtime client and server events. Field lists follow OpenAI's published schemas; a compile-time test
 * (test/core/protocol.conformance.ts) checks the type names against the `openai` package.
 */
import type {
  ConversationCreatedEvent,
  ConversationItemCreatedEvent,
  ConversationItemAddedEvent,
  ConversationItemDoneEvent,
  ConversationItemDeletedEvent,
  ConversationItemRetrievedEvent,
  ConversationItemTruncatedEvent,
  InputAudioTranscriptionCompletedEvent,
  InputAudioTranscriptionDeltaEvent,
  InputAudioTranscriptionFailedEvent,
  InputAudioTranscriptionSegmentEvent,
  ErrorEvent,
  InputAudioBufferClearedEvent,
  InputAudioBufferCommittedEvent,
  InputAudioBufferDtmfEventReceivedEvent,
  InputAudioBufferSpeechStartedEvent,
  InputAudioBufferSpeechStoppedEvent,
  InputAudioBufferTimeoutTriggeredEvent,
  RateLimitsUpdatedEvent,
  ResponseOutputAudioDeltaEvent,
  ResponseOutputAudioDoneEvent,
  ResponseOutputAudioTranscriptDeltaEvent,
  ResponseOutputAudioTranscriptDoneEvent,
  ResponseOutputTextDeltaEvent,
  ResponseOutputTextDoneEvent,
  ResponseContentPartAddedEvent,
  ResponseContentPartDoneEvent,
  ResponseCreatedEvent,
  ResponseDoneEvent,
  ResponseFunctionCallArgumentsDeltaEvent,
  ResponseFunctionCallArgumentsDoneEvent,
  ResponseOutputItemAddedEvent,
  ResponseOutputItemDoneEvent,
  SessionCreatedEvent,
  SessionUpdatedEvent,
  OutputAudioBufferStartedEvent,
  OutputAudioBufferStoppedEvent,
  OutputAudioBufferClearedEvent,
  McpListToolsInProgressEvent,
  McpListToolsCompletedEvent,
  McpListToolsFailedEvent,
  ResponseMcpCallArgumentsDeltaEvent,
  ResponseMcpCallArgumentsDoneEvent,
  ResponseMcpCallInProgressEvent,
  ResponseMcpCallCompletedEvent,
  ResponseMcpCallFailedEvent,
} from './serverEvents.js';

export * from './payloads.js';
export * from './serverEvents.js';
export * from './clientEvents.js';

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
