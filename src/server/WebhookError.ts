/** Why a webhook was refused. */
export type WebhookErrorCode =
  | 'missing_header'
  | 'invalid_header'
  | 'invalid_signature'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_secret'
  | 'invalid_payload';

/**
 * A webhook that failed verification (answer 400 and do not act on it), or a misconfigured secret. `header` names
 * the header at fault for `missing_header` and `invalid_header`. Messages never contain the secret.
 */
export class WebhookError extends Error {
  override readonly name = 'WebhookError';
  readonly code: WebhookErrorCode;
  readonly header: string | undefined;
  constructor(code: WebhookErrorCode, message: string, header?: string) {
    super(message);
    this.code = code;
    this.header = header;
  }
}
