import { RealtimeError } from '../../core/errors.js';

export const DEFAULT_API_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_REALTIME_MODEL = 'gpt-realtime';
export const DEFAULT_TRANSLATION_MODEL = 'gpt-realtime-translate';
/** Subprotocol OpenAI's WebSocket endpoint selects; browsers carry the key in a second one. */
export const REALTIME_SUBPROTOCOL = 'realtime';
export const API_KEY_SUBPROTOCOL_PREFIX = 'openai-insecure-api-key.';

/** What a socket is for; the session kinds of `TransportContext.sessionKind`. */
export type WebSocketSessionKind = 'realtime' | 'transcription' | 'translation';

/**
 * The Realtime WebSocket URL for a kind of session: `ws(s)://…/v1/realtime?model=<model>` for a conversation,
 * `…/v1/realtime?intent=transcription` (no model: OpenAI wants exactly one of `model`, `intent`, `call_id`) for
 * transcription, `…/v1/realtime/translations?model=<model>` for translation. `http` becomes `ws` and `https`
 * `wss`; `ws:` and `wss:` bases are kept as they are; a relative base resolves against `location` in a page.
 */
export function realtimeWebSocketUrl(
  apiBaseUrl: string = DEFAULT_API_BASE_URL,
  model?: string,
  kind: WebSocketSessionKind = 'realtime',
): string {
  const url = toWebSocketUrl(apiBaseUrl, 'apiBaseUrl');
  const base = url.pathname.replace(/\/+$/, '');
  url.pathname = kind === 'translation' ? `${base}/realtime/translations` : `${base}/realtime`;
  if (kind === 'transcription') url.searchParams.set('intent', 'transcription');
  else
    url.searchParams.set(
      'model',
      model ?? (kind === 'translation' ? DEFAULT_TRANSLATION_MODEL : DEFAULT_REALTIME_MODEL),
    );
  return url.toString();
}

/** A relay's URL, used as given apart from the scheme (`http` -> `ws`, `https` -> `wss`). */
export function relayWebSocketUrl(relayUrl: string): string {
  return toWebSocketUrl(relayUrl, 'relayUrl').toString();
}

function toWebSocketUrl(value: string, name: string): URL {
  let url: URL;
  try {
    const base = typeof location === 'undefined' ? undefined : location.href;
    url = new URL(value, base);
  } catch {
    throw new RealtimeError(
      'connection_failed',
      `${name} ${JSON.stringify(value)} is not a URL. Pass an absolute http(s):// or ws(s):// URL.`,
    );
  }
  if (url.protocol === 'http:') url.protocol = 'ws:';
  else if (url.protocol === 'https:') url.protocol = 'wss:';
  else if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new RealtimeError('connection_failed', `${name} must use http, https, ws or wss, not ${url.protocol}`);
  }
  url.hash = '';
  return url;
}

// RFC 6455 subprotocols are HTTP tokens; anything else makes the WebSocket constructor throw, and the browser's
// message would quote the key.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Subprotocols for browser auth: `realtime` plus the key. Refuses keys a subprotocol cannot carry. */
export function browserAuthProtocols(secret: string): string[] {
  if (!TOKEN.test(secret)) {
    throw new RealtimeError(
      'client_secret_failed',
      'The client secret has characters a WebSocket subprotocol cannot carry. Check that the key endpoint returns the ek_… value itself.',
    );
  }
  return [REALTIME_SUBPROTOCOL, API_KEY_SUBPROTOCOL_PREFIX + secret];
}
