import { Webhook } from 'standardwebhooks';
import { WebhookError } from './WebhookError.js';

export interface UnwrapWebhookOptions {
  /** The endpoint's signing secret, `whsec_` followed by base64 (OpenAI's dashboard shows it once). */
  secret: string;
  /** How far the `webhook-timestamp` may be from `now`, either way; default 300 s. */
  toleranceSeconds?: number;
  /** The current time in milliseconds; default `Date.now()`. */
  now?: number;
}

/** Headers as `Headers` or a plain object (Node's `req.headers`; names in any case, values possibly arrays). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

const HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;

/**
 * Verifies a Standard Webhooks delivery (as OpenAI signs `realtime.call.incoming`) and returns its parsed JSON
 * body. `rawBody` must be the bytes exactly as received: parse nothing before this. Throws `WebhookError` naming
 * a missing header, a signature that matches none of those sent, or a timestamp outside the tolerance.
 *
 * The signature is computed by `standardwebhooks`, the reference implementation (`whsec_` base64 secret, HMAC-
 * SHA256 over `id.timestamp.body`). Its own `verify` is not used because its clock and 5-minute tolerance are
 * fixed and its errors do not say which header is missing; the comparison here is constant-time as its is.
 */
export function unwrapWebhook<T = unknown>(
  rawBody: string | Uint8Array,
  headers: WebhookHeaders,
  options: UnwrapWebhookOptions,
): T {
  const { secret, toleranceSeconds = 300, now = Date.now() } = options;
  const [id, timestampText, signatures] = HEADERS.map((name) => {
    const value = headerOf(headers, name);
    if (!value) {
      throw new WebhookError(
        'missing_header',
        `The webhook has no ${name} header; it was not signed by OpenAI (or a proxy removed it).`,
        name,
      );
    }
    return value;
  }) as [string, string, string];

  if (!/^\d{1,15}$/.test(timestampText)) {
    throw new WebhookError(
      'invalid_header',
      'The webhook-timestamp header is not a number of seconds.',
      'webhook-timestamp',
    );
  }
  const timestamp = Number(timestampText);
  const nowSeconds = Math.floor(now / 1000);
  if (nowSeconds - timestamp > toleranceSeconds) {
    throw new WebhookError(
      'timestamp_too_old',
      `The webhook was signed ${nowSeconds - timestamp} s ago, more than ${toleranceSeconds} s: a replay, or a server clock that is wrong.`,
    );
  }
  if (timestamp - nowSeconds > toleranceSeconds) {
    throw new WebhookError(
      'timestamp_too_new',
      `The webhook is dated ${timestamp - nowSeconds} s in the future, more than ${toleranceSeconds} s: check the server clock.`,
    );
  }

  let expected: string;
  try {
    expected = new Webhook(secret).sign(id, new Date(timestamp * 1000), rawBody);
  } catch {
    throw new WebhookError(
      'invalid_secret',
      'The webhook secret is not a whsec_ base64 key; copy it again from the OpenAI dashboard.',
    );
  }
  // Several signatures may be sent (while a secret is being rotated); one match is enough.
  if (!signatures.split(' ').some((candidate) => constantTimeEqual(candidate, expected))) {
    throw new WebhookError(
      'invalid_signature',
      'The webhook signature does not match: wrong secret, or a body changed after signing (verify the raw bytes).',
    );
  }

  const text = typeof rawBody === 'string' ? rawBody : new TextDecoder().decode(rawBody);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new WebhookError('invalid_payload', 'The webhook is signed correctly but its body is not JSON.');
  }
}

function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() !== name) continue;
    const value = headers[key];
    return typeof value === 'string' ? value : value?.join(' ');
  }
  return undefined;
}

/** Compares in time that depends only on the lengths, so a guesser learns nothing from how long a refusal takes. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
