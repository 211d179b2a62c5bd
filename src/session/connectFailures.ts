import { RealtimeError } from '../core/errors.js';
import { errorOptionsFrom, parseOpenAiError } from '../transport/webrtc/sdp.js';

// Errors that only a failing connect or call needs, with the advice they carry: loaded when one happens, so a
// call that works never downloads them.

export const apiKeyInBrowser = () =>
  new RealtimeError(
    'api_key_in_browser',
    'Refused to use a standard API key in the browser: anyone could copy it. Mint an ephemeral "ek_" key on your server (talkwire/server createClientSecretHandler) and pass its URL as clientSecretUrl.',
  );

export const noKeySource = () =>
  new RealtimeError(
    'client_secret_failed',
    'No way to get a key: pass clientSecretUrl (your endpoint built with talkwire/server) or getClientSecret.',
  );

export const noFetch = () => new RealtimeError('unsupported_environment', 'No fetch() here; pass environment.fetch.');

export const noKeyReturned = () =>
  new RealtimeError(
    'client_secret_failed',
    'getClientSecret() returned no key; it must resolve to an "ek_..." string.',
  );

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause));

export const keyCallbackFailed = (cause: unknown) =>
  new RealtimeError(
    'client_secret_failed',
    `getClientSecret() failed (${describe(cause)}). Check the code that fetches the key.`,
    { cause },
  );

export const keyEndpointUnreachable = (url: string, cause: unknown) =>
  new RealtimeError(
    'client_secret_failed',
    `Could not reach the key endpoint ${url} (${describe(cause)}). Check that your server is running and clientSecretUrl is right.`,
    { cause },
  );

/** The key endpoint answered an HTTP error; `text` is its body (OpenAI's error JSON when it passed one on). */
export const keyEndpointRefused = (url: string, status: number, text: string) => {
  const server = parseOpenAiError(text);
  return new RealtimeError(
    'client_secret_failed',
    `The key endpoint ${url} answered HTTP ${status}${server ? `: ${server.message}` : ''}. Check your server's log and its OPENAI_API_KEY.`,
    errorOptionsFrom(server, status),
  );
};

export const keyEndpointWithoutKey = (url: string, status: number) =>
  new RealtimeError(
    'client_secret_failed',
    `The key endpoint ${url} answered without a key; it should return OpenAI's { "value": "ek_...", "expires_at": ... }.`,
    { status },
  );

export const micWithoutTrack = () =>
  new RealtimeError(
    'mic_unavailable',
    'The microphone stream has no audio track. Pick another input, then connect again.',
  );

export const networkLost = (graceMs: number) =>
  new RealtimeError(
    'connection_failed',
    `The network connection was lost for more than ${Math.round(graceMs / 1000)} s, so the call ended. Check the network, then connect again.`,
  );

export const micEnded = () =>
  new RealtimeError(
    'mic_unavailable',
    'The microphone stopped (unplugged, or its permission was revoked), so the call ended. Connect a microphone, then connect again.',
  );

export const limitReached = (limitMs: number) =>
  new RealtimeError(
    'session_expired',
    `The session reached its maximum duration (${Math.round(limitMs / 60_000)} min). Connect again to start a new session.`,
  );

export const captureUnavailable = (cause: unknown) =>
  new RealtimeError(
    'mic_unavailable',
    `The mic worklet did not load (${describe(cause)}), so this WebSocket call sends no microphone audio. Serve dist/worklets/micProcessor.js from your origin and pass its URL as audio.workletUrl.`,
    { cause },
  );

export const keyTimeout = (timeoutMs: number) =>
  new RealtimeError(
    'connect_timeout',
    `The key endpoint did not answer within ${timeoutMs} ms. Check that your server is up, then connect again.`,
  );

export const callTimeout = (timeoutMs: number) =>
  new RealtimeError(
    'connect_timeout',
    `The Realtime call was not ready within ${timeoutMs} ms (SDP exchange, network or session start). Check apiBaseUrl and the network, then connect again.`,
  );
