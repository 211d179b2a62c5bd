/** Why minting a client secret failed; also the `code` of the JSON error the handler answers with. */
export type ClientSecretErrorCode =
  | 'missing_api_key'
  | 'authorize_required'
  | 'method_not_allowed'
  | 'body_too_large'
  | 'invalid_request'
  | 'kind_not_allowed'
  | 'invalid_session_kind'
  | 'unauthorized'
  | 'forbidden'
  | 'rate_limited'
  | 'busy'
  | 'request_timeout'
  | 'upstream_auth_failed'
  | 'upstream_rejected'
  | 'upstream_rate_limited'
  | 'upstream_error'
  | 'upstream_unreachable'
  | 'upstream_timeout'
  | 'upstream_invalid_response'
  | 'internal_error';

/**
 * A failure of `mintClientSecret` or of the handler. `status` is the HTTP status the handler answers with;
 * `upstreamStatus` is what OpenAI answered, when it answered. Messages never contain the API key.
 */
export class ClientSecretError extends Error {
  override readonly name = 'ClientSecretError';
  readonly code: ClientSecretErrorCode;
  readonly status: number;
  readonly upstreamStatus: number | undefined;
  /** Seconds, from the upstream `Retry-After` header of a 429. */
  readonly retryAfter: string | undefined;

  constructor(
    code: ClientSecretErrorCode,
    status: number,
    message: string,
    options: { upstreamStatus?: number; retryAfter?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = status;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfter = options.retryAfter;
  }
}
