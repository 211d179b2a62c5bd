/**
 * GA Realtime session configuration, as sent in `session.update`, `client_secrets` and `/realtime/calls`, and as
 * reported back in `session.created` / `session.updated`. Beta flat sessions are converted to this shape by
 * `normalizeSessionConfig`.
 */

export type RealtimeVoice =
  'alloy' | 'ash' | 'ballad' | 'coral' | 'echo' | 'sage' | 'shimmer' | 'verse' | 'marin' | 'cedar' | (string & {});

export type RealtimeAudioFormat = { type: 'audio/pcm'; rate?: 24000 } | { type: 'audio/pcmu' } | { type: 'audio/pcma' };

export interface ServerVadTurnDetection {
  type: 'server_vad';
  threshold?: number;
  prefix_padding_ms?: number;
  silence_duration_ms?: number;
  idle_timeout_ms?: number | null;
  create_response?: boolean;
  interrupt_response?: boolean;
}

export interface SemanticVadTurnDetection {
  type: 'semantic_vad';
  eagerness?: 'low' | 'medium' | 'high' | 'auto';
  create_response?: boolean;
  interrupt_response?: boolean;
}

export type RealtimeTurnDetection = ServerVadTurnDetection | SemanticVadTurnDetection;

export interface RealtimeInputTranscription {
  model?: string;
  language?: string;
  prompt?: string;
  languages?: string[];
  keywords?: string[];
  delay?: 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';
}

export interface RealtimeNoiseReduction {
  type?: 'near_field' | 'far_field';
}

export interface RealtimeAudioInputConfig {
  format?: RealtimeAudioFormat;
  /** `null` turns noise reduction off. */
  noise_reduction?: RealtimeNoiseReduction | null;
  /** `null` turns input transcription off (user items then have no text). */
  transcription?: RealtimeInputTranscription | null;
  /** `null` turns voice activity detection off: the client commits and asks for responses itself. */
  turn_detection?: RealtimeTurnDetection | null;
}

export interface RealtimeAudioOutputConfig {
  format?: RealtimeAudioFormat;
  voice?: RealtimeVoice | { id: string };
  speed?: number;
}

export interface RealtimeAudioConfig {
  input?: RealtimeAudioInputConfig;
  output?: RealtimeAudioOutputConfig;
}

export interface RealtimeFunctionTool {
  type: 'function';
  name: string;
  description?: string;
  /** JSON Schema of the arguments object. */
  parameters?: unknown;
}

export interface RealtimeMcpTool {
  type: 'mcp';
  server_label: string;
  server_url?: string;
  server_description?: string;
  connector_id?: string;
  authorization?: string;
  headers?: Record<string, string> | null;
  allowed_tools?: string[] | { read_only?: boolean; tool_names?: string[] } | null;
  require_approval?: 'always' | 'never' | null | Record<string, unknown>;
}

export type RealtimeTool = RealtimeFunctionTool | RealtimeMcpTool;

export type RealtimeToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { type: 'function'; name: string }
  | { type: 'mcp'; server_label: string; name?: string | null };

export type RealtimeTracing = 'auto' | { workflow_name?: string; group_id?: string; metadata?: unknown };

export type RealtimeTruncation =
  | 'auto'
  | 'disabled'
  | { type: 'retention_ratio'; retention_ratio: number; token_limits?: { post_instructions?: number } };

export interface RealtimePromptReference {
  id: string;
  version?: string | null;
  variables?: Record<string, string> | null;
}

export interface RealtimeSessionConfig {
  type: 'realtime';
  model?: string;
  instructions?: string;
  output_modalities?: Array<'audio' | 'text'>;
  audio?: RealtimeAudioConfig;
  tools?: RealtimeTool[];
  tool_choice?: RealtimeToolChoice;
  max_output_tokens?: number | 'inf';
  tracing?: RealtimeTracing | null;
  truncation?: RealtimeTruncation;
  prompt?: RealtimePromptReference | null;
  include?: Array<'item.input_audio_transcription.logprobs'> | null;
  reasoning?: { effort?: 'minimal' | 'low' | 'medium' | 'high' | 'xhigh' };
  parallel_tool_calls?: boolean;
  /** Server-reported only. */
  object?: 'realtime.session';
  /** Server-reported only. */
  id?: string;
  /** Server-reported only (seconds since epoch). */
  expires_at?: number;
}

/** A transcription-only session (`session.type: "transcription"`; beta `transcription_session.*`). */
export interface RealtimeTranscriptionSessionConfig {
  type: 'transcription';
  audio?: { input?: RealtimeAudioInputConfig };
  include?: Array<'item.input_audio_transcription.logprobs'> | null;
  object?: string;
  id?: string;
  expires_at?: number;
}

export type AnySessionConfig = RealtimeSessionConfig | RealtimeTranscriptionSessionConfig;
