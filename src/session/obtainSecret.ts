import { RealtimeError, isRealtimeError } from '../core/errors.js';
import { fetchClientSecret } from './fetchClientSecret.js';
import type { RealtimeSessionOptions } from './types.js';

export type SecretOptions = Pick<RealtimeSessionOptions, 'getClientSecret' | 'clientSecretUrl'>;

/** Gets the ephemeral key from `getClientSecret` or `clientSecretUrl`, within `timeoutMs`. */
export async function obtainSecret(
  options: SecretOptions,
  fetch: typeof globalThis.fetch | null,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RealtimeError(
            'connect_timeout',
            `The key endpoint did not answer within ${timeoutMs} ms. Check that your server is up, then connect again.`,
          ),
        ),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([request(options, fetch, signal), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function request(options: SecretOptions, fetch: typeof globalThis.fetch | null, signal: AbortSignal): Promise<string> {
  if (options.getClientSecret) {
    return options.getClientSecret(signal).then(
      (value) => {
        if (typeof value !== 'string' || !value) {
          throw new RealtimeError('client_secret_failed', 'getClientSecret() returned no key; it must resolve to an "ek_..." string.');
        }
        return value;
      },
      (cause: unknown) => {
        if (isRealtimeError(cause)) throw cause;
        throw new RealtimeError(
          'client_secret_failed',
          `getClientSecret() failed (${cause instanceof Error ? cause.message : String(cause)}). Check the code that fetches the key.`,
          { cause },
        );
      },
    );
  }
  if (options.clientSecretUrl) {
    if (!fetch) throw new RealtimeError('unsupported_environment', 'No fetch() here; pass environment.fetch.');
    return fetchClientSecret(options.clientSecretUrl, fetch, signal);
  }
  throw new RealtimeError(
    'client_secret_failed',
    'No way to get a key: pass clientSecretUrl (your endpoint built with talkwire/server) or getClientSecret.',
  );
}
