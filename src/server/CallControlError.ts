/** Why a call-control request failed. */
export type CallControlErrorCode =
  | 'missing_api_key'
  | 'invalid_request'
  | 'call_not_found'
  | 'upstream_auth_failed'
  | 'upstream_rejected'
  | 'upstream_rate_limited'
  | 'upstream_error'
  | 'upstream_unreachable'
  | 'upstream_timeout';

/**
 * A failure of `acceptCall`, `rejectCall`, `referCall` or `hangupCall`. `upstreamStatus` is what OpenAI answered,
 * when it answered; the message carries OpenAI's own message. Messages never contain the API key.
 */
export class CallControlError extends Error {
  override readonly name = 'CallControlError';
  readonly code: CallControlErrorCode;
  readonly upstreamStatus: number | undefined;
  /** Seconds, from the upstream `Retry-After` header of a 429. */
  readonly retryAfter: string | undefined;
  constructor(
    code: CallControlErrorCode,
    message: string,
    options: { upstreamStatus?: number; retryAfter?: string } = {},
  ) {
    super(message);
    this.code = code;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfter = options.retryAfter;
  }
}
