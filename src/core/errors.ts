/**
 * Every failure talkwire reports is a `RealtimeError` with a stable `code`, so UIs can branch on it and users
 * can search for it. Messages say what to do next.
 */
export type RealtimeErrorCode =
  | 'client_secret_failed'
  | 'api_key_in_browser'
  | 'mic_permission_denied'
  | 'mic_unavailable'
  /** A warning, not a failure: the open, unmuted mic sends only digital silence. */
  | 'mic_silent'
  | 'sdp_rejected'
  | 'connection_failed'
  | 'data_channel_closed'
  | 'connect_timeout'
  | 'server_error'
  | 'protocol_error'
  | 'audio_playback_blocked'
  | 'audio_output_unavailable'
  | 'unsupported_environment'
  | 'not_connected'
  | 'aborted'
  | 'tool_failed'
  | 'session_expired'
  /** The call was ended on purpose: hung up by the app's server (`hangupCall`), or, for a sideband, by anyone. */
  | 'call_ended'
  | 'wait_timeout'
  | 'response_failed'
  | 'image_too_large'
  | 'invalid_image';

export interface RealtimeErrorOptions {
  /** HTTP status of a failed request (key fetch, SDP exchange). */
  status?: number;
  /** OpenAI's error `type`/`code`/`param` when the server sent one. */
  serverType?: string;
  serverCode?: string;
  param?: string;
  cause?: unknown;
}

export class RealtimeError extends Error {
  override readonly name = 'RealtimeError';
  readonly code: RealtimeErrorCode;
  readonly status: number | undefined;
  readonly serverType: string | undefined;
  readonly serverCode: string | undefined;
  readonly param: string | undefined;

  constructor(code: RealtimeErrorCode, message: string, options: RealtimeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.serverType = options.serverType;
    this.serverCode = options.serverCode;
    this.param = options.param;
  }
}

export function isRealtimeError(value: unknown): value is RealtimeError {
  return value instanceof RealtimeError;
}
