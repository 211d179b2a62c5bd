/**
 * GA Realtime session configuration, as sent in `session.update`, `client_secrets` and `/realtime/calls`, and as
 * reported back in `session.created` / `session.updated`. Beta flat sessions are converted to this shape by
 * `normalizeSessionConfig`.
 */

export type RealtimeVoice =
  'alloy' | 'ash' | 'ballad' | 'coral' | 'echo' | 'sage' | 'shimmer' | 'verse' | 'marin' | 'cedar' | (string & {});

/** A custom voice made for your organisation (`voice_…`). */
export interface RealtimeCustomVoice {
  id: string;
}

export type RealtimeAudioFormat = { type: 'audio/pcm'; rate?: 24000 } | { type: 'audio/pcmu' } | { type: 'audio/pcma' };

export interface ServerVadTurnDetection {
  type: 'server_vad';
  /** 0 to 1 (default 0.5): higher needs louder speech. */
  threshold?: number;
  prefix_padding_ms?: number;
  silence_duration_ms?: number;
  /**
   * 5 000 to 30 000 ms, or null (off): after this much silence following the assistant's playback, the server
   * commits the silence as a turn and answers it (`input_audio_buffer.timeout_triggered`, the session's `idle`
   * event). Server VAD only.
   */
  idle_timeout_ms?: number | null;
  create_response?: boolean;
  interrupt_response?: boolean;
}

export interface SemanticVadTurnDetection {
  type: 'semantic_vad';
  /** How soon the model takes its turn: `low` waits up to 8 s, `medium` (= `auto`) 4 s, `high` 2 s. */
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
  /** Cannot change once the model has spoken in this session (`cannot_update_voice`). */
  voice?: RealtimeVoice | RealtimeCustomVoice;
  /** 0.25 to 1.5 (default 1); changes between turns only. */
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

/** Which MCP tools a rule covers: by name, and/or those the server marks read-only. */
export interface RealtimeMcpToolFilter {
  read_only?: boolean;
  tool_names?: string[];
}

/** Per-tool approval: calls to `always` tools wait for `respondToMcpApproval`, `never` tools run at once. */
export interface RealtimeMcpApprovalFilter {
  always?: RealtimeMcpToolFilter;
  never?: RealtimeMcpToolFilter;
}

/** OpenAI's built-in connectors (`connector_id` instead of `server_url`). */
export type RealtimeMcpConnectorId =
  | 'connector_dropbox'
  | 'connector_gmail'
  | 'connector_googlecalendar'
  | 'connector_googledrive'
  | 'connector_microsoftteams'
  | 'connector_outlookcalendar'
  | 'connector_outlookemail'
  | 'connector_sharepoint';

/** A remote MCP server or connector the model may call. One of `server_url` or `connector_id` is required. */
export interface RealtimeMcpTool {
  type: 'mcp';
  server_label: string;
  server_url?: string;
  server_description?: string;
  connector_id?: RealtimeMcpConnectorId;
  /** An OAuth access token for the server or connector. */
  authorization?: string;
  headers?: Record<string, string> | null;
  allowed_tools?: string[] | RealtimeMcpToolFilter | null;
  require_approval?: 'always' | 'never' | RealtimeMcpApprovalFilter | null;
}

export type RealtimeTool = RealtimeFunctionTool | RealtimeMcpTool;

export type RealtimeToolChoice =
  | 'auto'
  | 'none'
  | 'required'
  | { type: 'function'; name: string }
  | { type: 'mcp'; server_label: string; name?: string | null };

/** `'auto'` traces with default names; an object names the workflow and group in the Traces dashboard. */
export type RealtimeTracing = 'auto' | { workflow_name?: string; group_id?: string; metadata?: unknown };

/**
 * What happens when the conversation outgrows the context: `'auto'` drops old turns, `'disabled'` fails the
 * response, a retention ratio (0 to 1) drops turns until that fraction of `token_limits.post_instructions` is used.
 */
export type RealtimeTruncation =
  | 'auto'
  | 'disabled'
  | { type: 'retention_ratio'; retention_ratio: number; token_limits?: { post_instructions?: number } };

/** A stored prompt (from the dashboard) with its version and the values of its variables. */
export interface RealtimePromptReference {
  id: string;
  version?: string | null;
  variables?: Record<string, string> | null;
}

export type RealtimeReasoningEffort = 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

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
  /** `['item.input_audio_transcription.logprobs']`: input transcription events carry token log probabilities. */
  include?: Array<'item.input_audio_transcription.logprobs'> | null;
  /** Reasoning models (`gpt-realtime-2`): how hard the model thinks before answering. */
  reasoning?: { effort?: RealtimeReasoningEffort };
  /** Reasoning models: whether the model may call several functions at once. */
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
