import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent } from '../../core/protocol/events.js';
import { createEmitter } from '../createEmitter.js';
import type { Transport, TransportConnectResult, TransportEventMap, TransportStatus } from '../Transport.js';
import { closeError, redactUrl, upgradeError } from './socketErrors.js';
import { browserAuthProtocols, realtimeWebSocketUrl, relayWebSocketUrl } from './websocketUrl.js';

/**
 * A WebSocket class: the browser's, Node 22's global one, or the `ws` package's. Typed loosely on purpose, so
 * each of them can be passed as it is; the transport uses only the standard members.
 */
export type WebSocketConstructor = new (url: string, ...args: never[]) => unknown;

/**
 * How the key travels. `subprotocol`: `realtime` plus `openai-insecure-api-key.<key>` (browsers cannot set
 * headers). `header`: `Authorization: Bearer <key>` (Node: `ws`, and Node 22's global WebSocket, which takes
 * headers in its init object). `none`: a relay that holds the key itself.
 */
export type WebSocketAuth = 'subprotocol' | 'header' | 'none';

export interface WebSocketTransportOptions {
  /** Default `https://api.openai.com/v1`; the socket opens `wss://…/v1/realtime?model=<model>`. */
  apiBaseUrl?: string;
  /**
   * Default `gpt-realtime` (`gpt-realtime-translate` for translation; a transcription socket has no model); the
   * session passes the minted secret's `session.model` when it has one.
   */
  model?: string;
  /** Default `realtime`. `transcription` opens `?intent=transcription`, `translation` `/realtime/translations`. */
  sessionKind?: 'realtime' | 'transcription' | 'translation';
  /** Connect to the app's relay instead of OpenAI; no key is sent, and `connect()` ignores its secret. */
  relayUrl?: string;
  /** Default `globalThis.WebSocket`. In Node 20 pass the `ws` package's class. */
  WebSocket?: WebSocketConstructor;
  /** Default: `none` with `relayUrl`, else `subprotocol` in a page and `header` elsewhere. */
  auth?: WebSocketAuth;
  /** A received message larger than this ends the call (`protocol_error`). Default 8 MiB. */
  maxMessageBytes?: number;
  /** How long the upgrade may take. Default 15 s. */
  connectTimeoutMs?: number;
}

export interface WebSocketTransport extends Transport<TransportEventMap> {
  /** Bytes queued in the socket and not yet sent; senders of audio hold back while it is high. */
  readonly bufferedAmount: number;
}

interface SocketLike {
  readonly readyState: number;
  readonly bufferedAmount: number;
  binaryType?: string;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

const OPEN = 1;
const DEFAULT_MAX_MESSAGE_BYTES = 8 * 1024 * 1024;
const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

/**
 * OpenAI Realtime over one WebSocket: JSON events both ways. Audio is not a media track here; the session
 * streams PCM up as `input_audio_buffer.append` and plays `response.output_audio.delta` itself.
 */
export function createWebSocketTransport(options: WebSocketTransportOptions = {}): WebSocketTransport {
  const emitter = createEmitter<TransportEventMap>();
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  let status: TransportStatus = 'new';
  let socket: SocketLike | null = null;
  let failConnect: ((error: RealtimeError) => void) | null = null;
  const decoder = typeof TextDecoder === 'function' ? new TextDecoder() : null;

  function fail(error: RealtimeError): void {
    if (status === 'closed') return;
    if (failConnect) {
      failConnect(error);
      return;
    }
    teardown(error.code === 'protocol_error' ? 1009 : 1000);
    emitter.emit('close', error);
  }

  function teardown(code = 1000): void {
    status = 'closed';
    const s = socket;
    socket = null;
    if (!s) return;
    s.onopen = s.onmessage = s.onerror = s.onclose = null;
    // Errors after teardown must not surface as unhandled 'error' events (the `ws` package throws those).
    s.onerror = () => undefined;
    try {
      s.close(code);
    } catch {
      // Browsers accept only 1000 and 3000-4999 from a client (`ws` also takes 1009); or it is closing already.
      try {
        s.close(1000);
      } catch {
        // closing already
      }
    }
  }

  function receive(data: unknown): void {
    let text: string;
    if (typeof data === 'string') text = data;
    else if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
      const bytes =
        data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      if (bytes.byteLength > maxMessageBytes) return tooLarge();
      text = decoder ? decoder.decode(bytes) : '';
    } else {
      return fail(
        new RealtimeError(
          'protocol_error',
          'The Realtime server sent a message of an unknown kind; the call ended. Connect again.',
        ),
      );
    }
    // A string's length never exceeds its UTF-8 size, so this check never refuses a message within the bound.
    if (text.length > maxMessageBytes) return tooLarge();
    emitter.emit('message', text);
  }

  function tooLargeError(): RealtimeError {
    return new RealtimeError(
      'protocol_error',
      `The Realtime server sent a message over the ${maxMessageBytes}-byte limit; the call ended. Raise maxMessageBytes if this server needs it.`,
    );
  }

  function tooLarge(): void {
    fail(tooLargeError());
  }

  async function connect(secret: string, signal: AbortSignal): Promise<TransportConnectResult> {
    if (status !== 'new')
      throw new RealtimeError(
        'connection_failed',
        'This transport was already used; create a new one to connect again.',
      );
    status = 'connecting';
    const WebSocketClass = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    const isPage = typeof window !== 'undefined' && typeof document !== 'undefined';
    const auth: WebSocketAuth =
      options.auth ?? (options.relayUrl !== undefined ? 'none' : isPage ? 'subprotocol' : 'header');
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    try {
      if (!WebSocketClass) {
        throw new RealtimeError(
          'unsupported_environment',
          'No WebSocket class here (Node 20 has none built in). Pass the `ws` package: createWebSocketTransport({ WebSocket }).',
        );
      }
      const url =
        options.relayUrl !== undefined
          ? relayWebSocketUrl(options.relayUrl)
          : realtimeWebSocketUrl(options.apiBaseUrl, options.model, options.sessionKind);
      const args = socketArguments(auth, secret, maxMessageBytes);
      const s = construct(WebSocketClass, url, args, auth);
      socket = s;
      if ('binaryType' in s) s.binaryType = 'arraybuffer';
      await new Promise<void>((resolve, reject) => {
        failConnect = reject;
        let upgradeFailure: RealtimeError | null = null;
        onAbort = () => reject(new RealtimeError('aborted', 'The connection attempt was cancelled.'));
        if (signal.aborted) onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        timer = setTimeout(
          () =>
            reject(
              new RealtimeError(
                'connect_timeout',
                `The WebSocket to ${redactUrl(url)} did not open within ${options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS} ms. Check apiBaseUrl and the network.`,
              ),
            ),
          options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        );
        s.onopen = () => resolve();
        s.onerror = (event) => {
          upgradeFailure ??= upgradeError(event, url, auth);
        };
        s.onclose = (event) => reject(upgradeFailure ?? upgradeError(event, url, auth));
        s.onmessage = (event) => receive(event.data);
      });
      const open = socket;
      if (!open) throw new RealtimeError('aborted', 'The connection attempt was cancelled.');
      let lastError: unknown = null;
      open.onerror = (event) => {
        lastError = event;
      };
      open.onclose = (event) =>
        fail(payloadTooLarge(lastError) ? tooLargeError() : closeError(event.code, event.reason));
      status = 'open';
      return { callId: null };
    } catch (error) {
      teardown();
      throw error instanceof RealtimeError
        ? error
        : new RealtimeError('connection_failed', 'The WebSocket connection could not be set up.', { cause: error });
    } finally {
      failConnect = null;
      clearTimeout(timer);
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  return {
    get status() {
      return status;
    },
    get bufferedAmount() {
      return socket?.bufferedAmount ?? 0;
    },
    connect,
    send(event: ClientEvent) {
      if (status !== 'open' || !socket || socket.readyState !== OPEN) {
        throw new RealtimeError(
          'not_connected',
          `Cannot send "${event.type}": the session is not connected. Call connect() first.`,
        );
      }
      socket.send(JSON.stringify(event));
    },
    close() {
      if (status === 'closed') return;
      if (failConnect) failConnect(new RealtimeError('aborted', 'The connection attempt was cancelled.'));
      else teardown();
    },
    on: emitter.on,
  };
}

/** The `ws` package enforces `maxPayload` itself: it closes with 1009 and reports this error first. */
function payloadTooLarge(event: unknown): boolean {
  const error = (event as { error?: { code?: unknown } } | null)?.error;
  return error?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
}

/**
 * The constructor's arguments after the URL. An object second argument is the init of Node's global WebSocket
 * (`{ protocols, headers }`) and the options of `ws` alike; `ws` also takes its options third.
 */
function socketArguments(auth: WebSocketAuth, secret: string, maxPayload: number): unknown[] {
  if (auth === 'subprotocol') return [browserAuthProtocols(secret), { maxPayload }];
  if (auth === 'header') return [{ headers: { Authorization: `Bearer ${secret}` }, maxPayload }];
  return [[], { maxPayload }];
}

function construct(
  WebSocketClass: WebSocketConstructor,
  url: string,
  args: unknown[],
  auth: WebSocketAuth,
): SocketLike {
  try {
    return new (WebSocketClass as unknown as new (url: string, ...rest: unknown[]) => SocketLike)(url, ...args);
  } catch {
    // The cause is dropped on purpose: a constructor's message can quote the subprotocols, which hold the key.
    throw new RealtimeError(
      'connection_failed',
      auth === 'header'
        ? `This WebSocket class cannot open ${redactUrl(url)} with an Authorization header. Pass the \`ws\` package as WebSocket, or auth: 'subprotocol'.`
        : `Could not open a WebSocket to ${redactUrl(url)}. Check apiBaseUrl or relayUrl.`,
    );
  }
}
