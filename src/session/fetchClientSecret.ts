import { RealtimeError } from '../core/errors.js';
import { failures } from './sessionErrors.js';

/** What a key endpoint's answer says beyond the key itself. */
export interface SecretFacts {
  /** Where the key is valid (`api_base_url`, as `realtimeDevServer()` answers for its local emulator). */
  apiBaseUrl?: string;
  /** The minted session (`{ type, model, … }`): a WebSocket connects with its model, so socket and key agree. */
  session?: unknown;
}

/**
 * POSTs to your key endpoint and reads the ephemeral key: GA `{ value, expires_at, session }` (what OpenAI and
 * `talkwire/server` answer) or beta `{ client_secret: { value } }`. What else the answer says goes to `found`.
 */
export async function fetchClientSecret(
  url: string,
  doFetch: typeof fetch,
  signal: AbortSignal,
  found: SecretFacts = {},
): Promise<string> {
  let response: Response;
  let text: string;
  try {
    response = await doFetch(url, { method: 'POST', headers: { Accept: 'application/json' }, signal });
    text = await response.text();
  } catch (cause) {
    if (signal.aborted) throw new RealtimeError('aborted', 'The connection attempt was cancelled.', { cause });
    throw (await failures()).keyEndpointUnreachable(url, cause);
  }
  if (!response.ok) throw (await failures()).keyEndpointRefused(url, response.status, text);
  const body = parseJson(text);
  const value = readSecretValue(body);
  if (!value) throw (await failures()).keyEndpointWithoutKey(url, response.status);
  // Only a development endpoint answers api_base_url, so its check loads only then.
  const apiBaseUrl = (body as { api_base_url?: unknown }).api_base_url;
  // Read by the WebSocket transport (loaded on demand); a WebRTC call does not need it.
  found.session = (body as { session?: unknown }).session;
  if (apiBaseUrl != null) found.apiBaseUrl = (await import('./checkApiBaseUrl.js')).checkApiBaseUrl(apiBaseUrl, url);
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function readSecretValue(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { value, client_secret: beta } = body as { value?: unknown; client_secret?: unknown };
  if (typeof value === 'string' && value) return value;
  if (typeof beta === 'object' && beta !== null) {
    const betaValue = (beta as { value?: unknown }).value;
    if (typeof betaValue === 'string' && betaValue) return betaValue;
  }
  return undefined;
}
