import { isRealtimeError } from '../core/errors.js';
import { fetchClientSecret, type SecretFacts } from './fetchClientSecret.js';
import { failures } from './sessionErrors.js';
import type { RealtimeSessionOptions } from './types.js';

export type SecretOptions = Pick<RealtimeSessionOptions, 'getClientSecret' | 'clientSecretUrl'>;

/**
 * Gets the ephemeral key from `getClientSecret` or `clientSecretUrl`, within `timeoutMs`. Where the key endpoint
 * says the key is valid (`api_base_url`, from `realtimeDevServer()`) goes to `found`.
 */
export async function obtainSecret(
  options: SecretOptions,
  fetch: typeof globalThis.fetch | null,
  signal: AbortSignal,
  timeoutMs: number,
  found: SecretFacts = {},
): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    // Its advice loads when it fires; a key that arrives in time never downloads it.
    timer = setTimeout(() => void failures().then((f) => reject(f.keyTimeout(timeoutMs))), timeoutMs);
  });
  try {
    return await Promise.race([request(options, fetch, signal, found), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

async function request(
  options: SecretOptions,
  fetch: typeof globalThis.fetch | null,
  signal: AbortSignal,
  found: SecretFacts,
): Promise<string> {
  if (options.getClientSecret) {
    let value: unknown;
    try {
      value = await options.getClientSecret(signal);
    } catch (cause) {
      if (isRealtimeError(cause)) throw cause;
      throw (await failures()).keyCallbackFailed(cause);
    }
    if (typeof value !== 'string' || !value) throw (await failures()).noKeyReturned();
    return value;
  }
  if (!options.clientSecretUrl) throw (await failures()).noKeySource();
  if (!fetch) throw (await failures()).noFetch();
  return fetchClientSecret(options.clientSecretUrl, fetch, signal, found);
}
