/** Payloads shared by several GA Realtime events (responses, usage, errors, content parts). */
import type { ConversationItem } from './items.js';
import type { RealtimeAudioFormat, RealtimeVoice } from './session.js';

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
