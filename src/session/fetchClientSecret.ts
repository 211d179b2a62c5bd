import { RealtimeError } from '../core/errors.js';
import { errorOptionsFrom, parseOpenAiError } from '../transport/webrtc/sdp.js';

export interface FetchedClientSecret {
  value: string;
  /**
   * Where the key is valid, when the endpoint says so (`api_base_url` beside `value`): `realtimeDevServer()`
   * answers its local emulator's address, so the page finds it with no `apiBaseUrl` of its own.
   */
  apiBaseUrl?: string;
}

/**
 * POSTs to your key endpoint and reads the ephemeral key: GA `{ value, expires_at }` (what OpenAI and
 * `talkwire/server` answer) or beta `{ client_secret: { value } }`.
 */
export async function fetchClientSecret(url: string, doFetch: typeof fetch, signal: AbortSignal): Promise<FetchedClientSecret> {
  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, { method: 'POST', headers: { Accept: 'application/json' }, signal });
    text = await response.text();
  } catch (cause) {
    if (signal.aborted) throw new RealtimeError('aborted', 'The connection attempt was cancelled.', { cause });
    throw new RealtimeError(
      'client_secret_failed',
      `Could not reach the key endpoint ${url} (${cause instanceof Error ? cause.message : String(cause)}). Check that your server is running and clientSecretUrl is right.`,
      { cause },
    );
  }
  if (!response.ok) {
    const server = parseOpenAiError(text);
    throw new RealtimeError(
      'client_secret_failed',
      `The key endpoint ${url} answered HTTP ${response.status}${server ? `: ${server.message}` : ''}. Check your server's log and its OPENAI_API_KEY.`,
      errorOptionsFrom(server, response.status),
    );
  }
  const value = readSecretValue(text);
  if (!value) {
    throw new RealtimeError(
      'client_secret_failed',
      `The key endpoint ${url} answered without a key; it should return OpenAI's { "value": "ek_...", "expires_at": ... }.`,
      { status: response.status },
    );
  }
  const apiBaseUrl = readApiBaseUrl(text, url);
  return apiBaseUrl === undefined ? { value } : { value, apiBaseUrl };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The endpoint's `api_base_url`, if any. The key is sent there, so only an https URL without credentials is
 * taken, or plain http to this machine (the local emulator); anything else is refused rather than ignored, as
 * ignoring it would send a key minted elsewhere to OpenAI.
 */
export function readApiBaseUrl(text: string, endpoint: string): string | undefined {
  const raw = (JSON.parse(text) as { api_base_url?: unknown }).api_base_url;
  if (raw === undefined || raw === null) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = typeof raw === 'string' ? new URL(raw) : undefined;
  } catch {
    parsed = undefined;
  }
  const allowed =
    parsed !== undefined &&
    !parsed.username &&
    !parsed.password &&
    (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname)));
  if (!allowed) {
    throw new RealtimeError(
      'client_secret_failed',
      `The key endpoint ${endpoint} answered api_base_url ${JSON.stringify(raw).slice(0, 200)}; it must be an https URL without credentials (or http on 127.0.0.1/localhost). Fix the endpoint, or set apiBaseUrl in the app.`,
    );
  }
  return raw as string;
}

export function readSecretValue(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const { value, client_secret: beta } = body as { value?: unknown; client_secret?: unknown };
  if (typeof value === 'string' && value) return value;
  if (typeof beta === 'object' && beta !== null) {
    const betaValue = (beta as { value?: unknown }).value;
    if (typeof betaValue === 'string' && betaValue) return betaValue;
  }
  return undefined;
}
