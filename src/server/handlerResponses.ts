import { ClientSecretError } from './ClientSecretError.js';
import { readBounded, ReadDeadlineError } from './readBounded.js';
import { redactCause } from './redactSecrets.js';

// What the key, call and relay handlers answer when something fails, written once so they cannot drift apart.

export const JSON_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } as const;

/** `{ error: { message, code, upstream_status? } }` with the error's status. */
export function errorResponse(error: ClientSecretError, extra: Record<string, string> = {}): Response {
  const payload: { error: { message: string; code: string; upstream_status?: number } } = {
    error: { message: error.message, code: error.code },
  };
  if (error.upstreamStatus !== undefined) payload.error.upstream_status = error.upstreamStatus;
  return new Response(JSON.stringify(payload), { status: error.status, headers: { ...JSON_HEADERS, ...extra } });
}

/**
 * The answer to a handler's failure. A caller that hung up gets 499 (as nginx logs it) and no report: nobody reads
 * the answer and nothing went wrong on our side. Anything unexpected becomes an `internal_error` whose cause has
 * the key redacted; every failure goes to `onError`.
 */
export function failureResponse(
  request: Request,
  error: unknown,
  handler: string,
  apiKey: string | undefined,
  onError: ((error: ClientSecretError, request: Request) => void) | undefined,
): Response {
  if (request.signal.aborted) return new Response(null, { status: 499 });
  const failure =
    error instanceof ClientSecretError
      ? error
      : new ClientSecretError(
          'internal_error',
          500,
          `The ${handler} failed unexpectedly; see onError or the server log.`,
          {
            cause: redactCause(error, apiKey),
          },
        );
  onError?.(failure, request);
  return errorResponse(failure, failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {});
}

/** 413 for a body over the limit; `what` names it ("The SDP offer"). */
export function bodyTooLarge(what: string, maxBytes: number): ClientSecretError {
  return new ClientSecretError('body_too_large', 413, `${what} is larger than ${maxBytes} bytes.`);
}

/**
 * A request's body as text, read within `maxBytes` and `timeoutMs`: a body that is too large is a 413, one that
 * trickles in too slowly a 408, so a hostile client holds a handler for the timeout at most.
 */
export async function readRequestText(
  request: Request,
  maxBytes: number,
  timeoutMs: number,
  what: string,
): Promise<string> {
  try {
    const read = await readBounded(request.body, maxBytes, timeoutMs);
    if (read.truncated) throw bodyTooLarge(what, maxBytes);
    return new TextDecoder().decode(read.bytes);
  } catch (error) {
    if (error instanceof ReadDeadlineError)
      throw new ClientSecretError(
        'request_timeout',
        408,
        `${what} did not arrive within ${timeoutMs} ms; send it at once.`,
      );
    throw error;
  }
}
