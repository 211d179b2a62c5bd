/** GA Realtime client events, one interface per event type, and their union `ClientEvent`. */
import type { ConversationItem, ItemReference } from './items.js';
import type {
  RealtimeAudioFormat,
  RealtimePromptReference,
  RealtimeSessionConfig,
  RealtimeTool,
  RealtimeToolChoice,
  RealtimeTranscriptionSessionConfig,
  RealtimeVoice,
} from './session.js';

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
