import { RealtimeError } from '../../core/errors.js';
import type { WebSocketAuth } from './createWebSocketTransport.js';

/**
 * A failed upgrade. Browsers say nothing about why (an `error`, then close 1006); the `ws` package names the
 * HTTP status in its error ("Unexpected server response: 401"), which turns into advice here.
 */
export function upgradeError(event: unknown, url: string, auth: WebSocketAuth): RealtimeError {
  const where = redactUrl(url);
  const status = httpStatusOf(event);
  if (status === 401 || status === 403) {
    return new RealtimeError(
      'connection_failed',
      auth === 'none'
        ? `The relay at ${where} refused this page (HTTP ${status}). Check that the user is signed in and the relay's authorize() accepts them.`
        : `The Realtime server at ${where} refused the key (HTTP ${status}). Mint a fresh client secret, or check the API key${auth === 'header' ? " (if this WebSocket drops headers, pass auth: 'subprotocol')" : ''}.`,
      { status },
    );
  }
  if (status !== undefined) {
    return new RealtimeError(
      'connection_failed',
      `The WebSocket upgrade to ${where} failed with HTTP ${status}. Check apiBaseUrl, relayUrl and the model name.`,
      {
        status,
      },
    );
  }
  const code = closeCodeOf(event);
  const network = networkReason(event);
  return new RealtimeError(
    'connection_failed',
    `Could not open the WebSocket to ${where}${network ? ` (${network})` : code !== undefined && code !== 1006 ? ` (close ${code})` : ''}. Check the URL, the network, and the key or relay.`,
  );
}

/** The socket closed after it was open: the call is over. */
export function closeError(code: number, reason: string): RealtimeError {
  const said = reason ? `: ${reason.slice(0, 200)}` : '';
  if (code === 1009) {
    return new RealtimeError(
      'protocol_error',
      `The Realtime server closed the connection because a message was too large (1009${said}).`,
    );
  }
  if (code === 1006) {
    return new RealtimeError(
      'data_channel_closed',
      'The connection to the Realtime server was lost, so the call ended. Check the network and connect again.',
    );
  }
  return new RealtimeError(
    'data_channel_closed',
    `The Realtime server closed the connection (${code}${said}), so the call ended. Connect again to continue.`,
  );
}

function errorMessageOf(event: unknown): string {
  const record = event as { message?: unknown; error?: { message?: unknown } } | null;
  return typeof record?.message === 'string'
    ? record.message
    : typeof record?.error?.message === 'string'
      ? record.error.message
      : '';
}

function httpStatusOf(event: unknown): number | undefined {
  const match = /Unexpected server response: (\d{3})/.exec(errorMessageOf(event));
  return match ? Number(match[1]) : undefined;
}

/** Node's socket errors ("connect ECONNREFUSED 127.0.0.1:9"); only these known shapes, which carry no key. */
function networkReason(event: unknown): string | null {
  const match = /^(?:(?:connect|getaddrinfo|read|write) E[A-Z]+(?: [\w.:[\]-]+)?|socket hang up)$/.exec(
    errorMessageOf(event),
  );
  return match ? match[0] : null;
}

function closeCodeOf(event: unknown): number | undefined {
  const code = (event as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The URL without query or credentials, for messages: a relay URL may carry a token. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the server';
  }
}
