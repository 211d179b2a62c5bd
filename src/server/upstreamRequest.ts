import { readBounded } from './readBounded.js';
import { redactSecrets } from './redactSecrets.js';

const MAX_MESSAGE_CHARS = 400;

export interface UpstreamAnswer {
  readonly response: Response;
  readonly text: string;
  /** The body was longer than the limit: `text` is its start only. */
  readonly truncated: boolean;
}

export interface UpstreamRequest {
  url: string;
  /** The request, as a timeout names it: "the call request". */
  what: string;
  /** The URL as errors show it: origin and path (see `describeUrl`), never a query that may hold a token. */
  where: string;
  init: { headers: Record<string, string>; body?: BodyInit };
  apiKey: string;
  timeoutMs: number;
  /** The most of the answer read: the limit for a success, and for an error body (mined for its message only). */
  maxBytes: { ok: number; error: number };
  signal?: AbortSignal | undefined;
  fetch?: typeof fetch | undefined;
  /** The caller's own error type for a request that timed out or never reached OpenAI. */
  fail: (code: 'upstream_timeout' | 'upstream_unreachable', message: string) => Error;
}

/**
 * One POST to OpenAI under one deadline for the request and the read of its answer: a peer streaming megabytes,
 * or trickling forever, costs the byte limit and the timeout, no more. The caller's abort rethrows its reason.
 * A timeout or a network failure is thrown through `fail`, with the key redacted from the cause.
 */
export async function postUpstream(request: UpstreamRequest): Promise<UpstreamAnswer> {
  const { signal, timeoutMs } = request;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) controller.abort();
  try {
    const response = await (request.fetch ?? fetch)(request.url, {
      method: 'POST',
      ...request.init,
      signal: controller.signal,
    });
    const read = await readBounded(response.body, response.ok ? request.maxBytes.ok : request.maxBytes.error);
    return { response, text: new TextDecoder().decode(read.bytes), truncated: read.truncated };
  } catch (cause) {
    if (timedOut)
      throw request.fail(
        'upstream_timeout',
        `OpenAI did not answer ${request.what} within ${timeoutMs} ms; try again.`,
      );
    if (signal?.aborted) throw signal.reason ?? cause;
    throw request.fail(
      'upstream_unreachable',
      `Could not reach ${request.where} (${redactSecrets(describe(cause), request.apiKey)}); check the server's network and apiBaseUrl.`,
    );
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** What every caller says about an answer that is not ok: its status, OpenAI's words (key redacted), Retry-After. */
export function upstreamRefusal(
  answer: UpstreamAnswer,
  apiKey: string,
): { status: number; detail: string; upstream: { upstreamStatus: number; retryAfter?: string } } {
  const { response, text } = answer;
  const status = response.status;
  const detail = redactSecrets(readUpstreamMessage(text) ?? (response.statusText || 'no readable message'), apiKey);
  const retryAfter = status === 429 ? (response.headers.get('retry-after') ?? undefined) : undefined;
  return {
    status,
    detail,
    upstream: retryAfter === undefined ? { upstreamStatus: status } : { upstreamStatus: status, retryAfter },
  };
}

/** OpenAI errors are `{ error: { message } }`; anything else is summarised, not echoed in full. */
export function readUpstreamMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string };
    if (typeof body.error === 'string') return shorten(body.error);
    if (body.error && typeof body.error.message === 'string' && body.error.message) return shorten(body.error.message);
  } catch {
    // not JSON
  }
  const trimmed = text.trim();
  return trimmed ? shorten(trimmed.slice(0, 200)) : undefined;
}

function shorten(message: string): string {
  return message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
}

/** Origin and path only: a configured URL may carry credentials or a token in its query. */
export function describeUrl(base: string): string {
  try {
    const url = new URL(base);
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return 'apiBaseUrl (not a valid URL)';
  }
}

/** An error and its cause in one line (fetch puts the useful part, ECONNREFUSED and the like, in the cause). */
export function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}
