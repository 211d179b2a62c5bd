import { ClientSecretError } from './ClientSecretError.js';
import { DEFAULT_API_BASE_URL, defaultApiKey, type ClientSecretSessionConfig } from './mintClientSecret.js';
import { describeUrl, postUpstream, upstreamRefusal, type UpstreamAnswer } from './upstreamRequest.js';

export interface CreateRealtimeCallOptions {
  /** Standard API key. Default `process.env.OPENAI_API_KEY`, read on every call. */
  apiKey?: string | undefined;
  /** Default `https://api.openai.com/v1`. */
  apiBaseUrl?: string;
  /** Default 10 000 ms; a slower upstream answer fails with `upstream_timeout` (504). */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// An SDP answer is a few KB; an error body is only mined for its message.
const MAX_ANSWER_BYTES = 64 * 1024;
const CALL_ID = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Creates a WebRTC call for a browser's SDP offer with OpenAI's multipart `POST /realtime/calls` (`sdp` and
 * `session` parts, the server's standard key): the browser never holds a key. Returns the SDP answer and the call
 * id from `Location`. Throws `ClientSecretError` (status = what a handler should answer), the key redacted.
 */
export async function createRealtimeCall(
  offer: string,
  session: ClientSecretSessionConfig = {},
  options: CreateRealtimeCallOptions = {},
): Promise<{ sdp: string; callId: string }> {
  const apiKey = 'apiKey' in options ? options.apiKey : defaultApiKey();
  if (!apiKey) {
    throw new ClientSecretError(
      'missing_api_key',
      500,
      'No OpenAI API key on the server: set OPENAI_API_KEY (or pass apiKey) where the call handler runs.',
    );
  }
  const base = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const form = new FormData();
  form.set('sdp', new Blob([offer], { type: 'application/sdp' }));
  form.set('session', new Blob([JSON.stringify({ ...session, type: 'realtime' })], { type: 'application/json' }));
  const answer = await postUpstream({
    url: `${base}/realtime/calls`,
    what: 'the call request',
    where: `${describeUrl(base)}/realtime/calls`,
    init: { headers: { Authorization: `Bearer ${apiKey}` }, body: form },
    apiKey,
    timeoutMs,
    maxBytes: { ok: MAX_ANSWER_BYTES, error: MAX_ANSWER_BYTES },
    signal: options.signal,
    fetch: options.fetch,
    fail: (code, message) => new ClientSecretError(code, code === 'upstream_timeout' ? 504 : 502, message),
  });
  const { response, text, truncated } = answer;
  if (!response.ok) throw callFailure(answer, apiKey);
  const callId =
    (response.headers.get('location') ?? '').split(/[?#]/, 1)[0]!.replace(/\/+$/, '').split('/').pop() ?? '';
  if (truncated || !/^v=0\r?\n/.test(text) || !CALL_ID.test(callId)) {
    throw new ClientSecretError(
      'upstream_invalid_response',
      502,
      'OpenAI answered the call request without an SDP answer and a call id (Location); check that apiBaseUrl points at the Realtime API.',
      { upstreamStatus: response.status },
    );
  }
  return { sdp: text, callId };
}

function callFailure(answer: UpstreamAnswer, apiKey: string): ClientSecretError {
  const { status, detail, upstream } = upstreamRefusal(answer, apiKey);
  if (status === 401 || status === 403) {
    return new ClientSecretError(
      'upstream_auth_failed',
      502,
      `OpenAI refused the server's API key (${status}: ${detail}). Check OPENAI_API_KEY.`,
      upstream,
    );
  }
  if (status === 429) {
    return new ClientSecretError(
      'upstream_rate_limited',
      429,
      `OpenAI is rate limiting calls (${detail}); wait and try again.`,
      upstream,
    );
  }
  if (status >= 400 && status < 500) {
    // Usually the browser's offer or the handler's session config: say so, with OpenAI's own words.
    return new ClientSecretError(
      'upstream_rejected',
      400,
      `OpenAI refused the call (${status}: ${detail}); check the session options of the call handler.`,
      upstream,
    );
  }
  return new ClientSecretError(
    'upstream_error',
    502,
    `OpenAI failed to create the call (${status}: ${detail}); try again shortly.`,
    upstream,
  );
}
