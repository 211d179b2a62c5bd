import { CallControlError } from './CallControlError.js';
import { noteHungUp } from './callRegistry.js';
import { DEFAULT_API_BASE_URL, defaultApiKey, type ClientSecretSessionConfig } from './mintClientSecret.js';
import { describeUrl, postUpstream, upstreamRefusal, type UpstreamAnswer } from './upstreamRequest.js';

export interface CallControlOptions {
  /** Standard API key. Default `process.env.OPENAI_API_KEY`, read on every call. */
  apiKey?: string | undefined;
  /** Default `https://api.openai.com/v1`. */
  apiBaseUrl?: string;
  /** Default 10 000 ms; a slower answer fails with `upstream_timeout`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;
// Answers are empty on success and small errors otherwise; nothing more is read.
const MAX_ANSWER_BYTES = 16 * 1024;
// OpenAI's ids (`rtc_...`) are letters, digits, `_` and `-`; anything else could walk the URL path.
const CALL_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** Answers an incoming SIP call with this session config (`type: 'realtime'` is added): `POST /realtime/calls/{id}/accept`. */
export async function acceptCall(
  callId: string,
  session: ClientSecretSessionConfig,
  options?: CallControlOptions,
): Promise<void> {
  if (typeof session !== 'object' || session === null) throw invalid('acceptCall needs a session config object.');
  return control(callId, 'accept', { ...session, type: 'realtime' }, options);
}

/** Declines an incoming SIP call, with a SIP status (OpenAI's default 603 Decline): `POST /realtime/calls/{id}/reject`. */
export async function rejectCall(
  callId: string,
  body: { status_code?: number } = {},
  options?: CallControlOptions,
): Promise<void> {
  const code = body.status_code;
  if (code !== undefined && !(Number.isInteger(code) && code >= 400 && code <= 699)) {
    throw invalid(
      `rejectCall's status_code must be a SIP failure status from 400 to 699 (486 Busy Here, 603 Decline); got ${String(code)}.`,
    );
  }
  return control(callId, 'reject', code === undefined ? {} : { status_code: code }, options);
}

/** Transfers a call (SIP REFER) to `tel:` or `sip:` `target_uri`: `POST /realtime/calls/{id}/refer`. */
export async function referCall(
  callId: string,
  body: { target_uri: string },
  options?: CallControlOptions,
): Promise<void> {
  const target = body?.target_uri;
  if (typeof target !== 'string' || !/^(?:tel|sips?):\S+$/i.test(target)) {
    throw invalid('referCall needs a target_uri such as "tel:+14155550123" or "sip:agent@example.com".');
  }
  return control(callId, 'refer', { target_uri: target }, options);
}

/** Ends a call, SIP or WebRTC: `POST /realtime/calls/{id}/hangup`. */
export async function hangupCall(callId: string, options?: CallControlOptions): Promise<void> {
  await control(callId, 'hangup', undefined, options);
  // What the page's createCallHandler answers when the page asks why its call ended; this process's sidebands end.
  noteHungUp(callId);
}

function invalid(message: string): CallControlError {
  return new CallControlError('invalid_request', message);
}

async function control(callId: string, action: string, body: unknown, options: CallControlOptions = {}): Promise<void> {
  if (typeof callId !== 'string' || !CALL_ID.test(callId)) {
    throw invalid(`${action}: the call id must be an OpenAI call id such as "rtc_..." (letters, digits, _ and -).`);
  }
  const apiKey = 'apiKey' in options ? options.apiKey : defaultApiKey();
  if (!apiKey) {
    throw new CallControlError(
      'missing_api_key',
      'No OpenAI API key on the server: set OPENAI_API_KEY (or pass apiKey) where calls are controlled.',
    );
  }
  const base = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers: Record<string, string> = { Authorization: `Bearer ${apiKey}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const where = `${describeUrl(base)}/realtime/calls/${callId}/${action}`;
  const answer = await postUpstream({
    url: `${base}/realtime/calls/${callId}/${action}`,
    what: where,
    where,
    init: { headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
    apiKey,
    timeoutMs,
    maxBytes: { ok: MAX_ANSWER_BYTES, error: MAX_ANSWER_BYTES },
    signal: options.signal,
    fetch: options.fetch,
    fail: (code, message) => new CallControlError(code, message),
  });
  if (!answer.response.ok) throw failure(answer, apiKey, action, callId);
}

function failure(answer: UpstreamAnswer, apiKey: string, action: string, callId: string): CallControlError {
  const { status, detail, upstream } = upstreamRefusal(answer, apiKey);
  if (status === 401 || status === 403) {
    return new CallControlError(
      'upstream_auth_failed',
      `OpenAI refused the server's API key for ${action} (${status}: ${detail}). Check OPENAI_API_KEY.`,
      upstream,
    );
  }
  if (status === 404) {
    return new CallControlError(
      'call_not_found',
      `OpenAI knows no call ${callId} to ${action} (${detail}); it may have ended already.`,
      upstream,
    );
  }
  if (status === 429) {
    return new CallControlError(
      'upstream_rate_limited',
      `OpenAI is rate limiting call control (${detail}); wait and try again.`,
      upstream,
    );
  }
  if (status >= 400 && status < 500) {
    return new CallControlError(
      'upstream_rejected',
      `OpenAI refused to ${action} call ${callId} (${status}: ${detail}).`,
      upstream,
    );
  }
  return new CallControlError(
    'upstream_error',
    `OpenAI failed to ${action} call ${callId} (${status}: ${detail}); try again shortly.`,
    upstream,
  );
}
