import { RealtimeError } from '../core/errors.js';

/** The page waits at most this long for its server's answer before treating the loss as a dropped connection. */
export const ASK_TIMEOUT_MS = 2_000;

/**
 * Whether the app's server hung this call up. OpenAI's `/hangup` gives the page no reason it can read (the data
 * channel may close, the peer may close or fail, or the media may just stop: not confirmed), so after any loss a
 * `callUrl` call asks its `createCallHandler` (`GET callUrl?call_id=…`). No answer, an error or a handler that does
 * not know counts as "no": a genuine drop keeps its reason and may reconnect.
 */
export async function hungUpByServer(
  callUrl: string,
  callId: string,
  fetchFn: typeof fetch | null | undefined,
  timeoutMs = ASK_TIMEOUT_MS,
): Promise<boolean> {
  if (!fetchFn) return false;
  const url = `${callUrl}${callUrl.includes('?') ? '&' : '?'}call_id=${encodeURIComponent(callId)}`;
  try {
    const response = await fetchFn(url, {
      method: 'GET',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) return false;
    const body = (await response.json()) as unknown;
    return typeof body === 'object' && body !== null && (body as { hung_up?: unknown }).hung_up === true;
  } catch {
    return false;
  }
}

export function callEndedByServer(cause: RealtimeError): RealtimeError {
  return new RealtimeError(
    'call_ended',
    "The app's server ended this call (hangupCall). Start a new call to talk again.",
    { cause },
  );
}
