import { RealtimeError } from '../core/errors.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The key endpoint's `api_base_url`, checked. The key is sent there, so only an https URL without credentials is
 * taken, or plain http to this machine (the local emulator); anything else is refused rather than ignored, as
 * ignoring it would send a key minted elsewhere to OpenAI.
 */
export function checkApiBaseUrl(raw: unknown, endpoint: string): string {
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
      // The value itself stays out of the message: it may carry credentials.
      `The key endpoint ${endpoint} answered an api_base_url that is not an https URL without credentials (or http on 127.0.0.1/localhost). Fix the endpoint, or set apiBaseUrl in the app.`,
    );
  }
  return raw as string;
}
