import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type * as WsNamespace from 'ws';
import type { RawData, WebSocket as WsSocket, WebSocketServer } from 'ws';
import type { RealtimeSessionConfig } from '../core/protocol/session.js';
import { authorizeRequest, type ClientSecretAuthorize } from './authorizeRequest.js';
import {
  defaultApiKey,
  DEFAULT_API_BASE_URL,
  type ClientSecretKind,
  type TranscriptionSecretSessionConfig,
  type TranslationSecretSessionConfig,
} from './mintClientSecret.js';
import { createRateLimiter, type RateLimit } from './rateLimiter.js';
import { redactSecrets } from './redactSecrets.js';
import { checkRelayKind, relaySessionUpdate, relayTarget } from './relayKinds.js';
import { checkClientEvent } from './relayPolicy.js';

export interface RealtimeRelayOptions {
  /**
   * Required, as for `createClientSecretHandler`: who may open a call, from the upgrade request (cookies,
   * headers; the body is empty). Until it is set every upgrade is refused with 500.
   */
  authorize?: ClientSecretAuthorize;
  /** Default `process.env.OPENAI_API_KEY`. Sent only upstream; never to the browser, a log or an error. */
  apiKey?: string | undefined;
  /**
   * What the browser's sessions are, as for `createClientSecretHandler`: `'realtime'` (default, a conversation:
   * `wss://…/v1/realtime?model=<model>`), `'transcription'` (`?intent=transcription`, for
   * `createTranscriptionSession`) or `'translation'` (`wss://…/v1/realtime/translations?model=<model>`, for
   * `createTranslationSession`). One relay serves one kind; give each its own `path`.
   */
  kind?: ClientSecretKind;
  /** Default `https://api.openai.com/v1`. */
  apiBaseUrl?: string;
  /** Default `gpt-realtime` (`gpt-realtime-translate` for translation); not used for transcription. */
  model?: string;
  /**
   * The server's session config, sent as `session.update` before anything of the browser's: a conversation's, a
   * transcription session's (`audio.input.transcription`, …), or a translation session's (`audio` only).
   */
  session?: Partial<RealtimeSessionConfig> | TranscriptionSecretSessionConfig | TranslationSecretSessionConfig;
  /** Guarded fields (`instructions`, `tools`, `tool_choice`, `prompt`, `model`, `tracing`) the browser may set. Default none. */
  allowClientFields?: readonly string[];
  /** Only upgrades to this path are handled (others are left to other handlers). Default: every path. */
  path?: string;
  /** A browser message over this many bytes closes the call (1009). Default 1 MiB (a 50 ms audio append is ~6.5 KB). */
  maxMessageBytes?: number;
  /** Browser messages per connection: a burst of `max`, then `max` per `windowMs`; over it, refused with an error event. Default 200 per second. */
  messageRate?: RateLimit;
  /** How long the upstream socket may take to open. Default 15 s. */
  connectTimeoutMs?: number;
  /** Default: the `ws` package's class (loaded on the first upgrade). */
  WebSocket?: unknown;
}

/** A Node `http` `upgrade` listener: `server.on('upgrade', relay)`. `close()` ends every call it carries. */
export interface RealtimeRelay {
  (request: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

type WsModule = typeof WsNamespace;
type Upstream = WsSocket & { release(): string[] };

const DEFAULT_MAX_MESSAGE = 1024 * 1024;
const UPSTREAM_MAX_MESSAGE = 8 * 1024 * 1024;

/**
 * A WebSocket relay between browsers and OpenAI's Realtime API that keeps the key on the server: it authorizes
 * the browser, opens the upstream socket with the server's key, applies the server's session config, forwards
 * events both ways, refuses client events that would change what the server configured (the call goes on),
 * bounds message size and rate, and closes both sides together.
 */
export function createRealtimeRelay(options: RealtimeRelayOptions = {}): RealtimeRelay {
  const apiKey = () => ('apiKey' in options ? options.apiKey : defaultApiKey());
  const kind = checkRelayKind(options.kind);
  const allowed = new Set(options.allowClientFields ?? []);
  const maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE;
  const rate = options.messageRate ?? { max: 200, windowMs: 1000 };
  createRateLimiter(rate); // validates now, not at the first call
  const open = new Set<WsSocket>();
  let ws: Promise<WsModule> | null = null;
  let server: WebSocketServer | null = null;

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://relay.invalid');
    if (options.path !== undefined && url.pathname !== options.path) return;
    const key = apiKey();
    const verdict = await authorizeRequest(options.authorize, toRequest(request, url), key).catch(
      (error: { status?: number; message?: string }) => refusal(error.status ?? 500, error.message ?? 'refused'),
    );
    if (verdict instanceof Response) return refuse(socket, verdict.status, await verdict.text().catch(() => ''));
    if (!key) return refuse(socket, 500, 'The relay has no API key: set OPENAI_API_KEY or pass apiKey.');
    const module = await (ws ??= import('ws'));
    server ??= new module.WebSocketServer({ noServer: true, maxPayload: maxMessageBytes });
    const upstream = await connectUpstream(module, key).catch((error: Error) => error);
    if (upstream instanceof Error) return refuse(socket, 502, redactSecrets(upstream.message, key));
    server.handleUpgrade(request, socket, head, (client) => bridge(client, upstream, key));
  }

  function connectUpstream(module: WsModule, key: string): Promise<Upstream> {
    const base = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/^http/, 'ws').replace(/\/+$/, '');
    const target = relayTarget(base, kind, options.model);
    const Class = (options.WebSocket ?? module.WebSocket) as typeof module.WebSocket;
    return new Promise((resolve, reject) => {
      const upstream = new Class(target, {
        headers: { Authorization: `Bearer ${key}` },
        maxPayload: UPSTREAM_MAX_MESSAGE,
      });
      const timer = setTimeout(() => {
        upstream.terminate();
        reject(new Error('The Realtime API did not accept the relay within the timeout.'));
      }, options.connectTimeoutMs ?? 15_000);
      upstream.once('open', () => {
        clearTimeout(timer);
        // session.created comes at once, while the browser's upgrade is still being answered: keep it.
        const early: string[] = [];
        const hold = (data: unknown) => early.length < 64 && early.push(String(data));
        upstream.on('message', hold);
        resolve(Object.assign(upstream, { release: () => (upstream.off('message', hold), early) }));
      });
      upstream.once('unexpected-response', (_req, res) => {
        clearTimeout(timer);
        upstream.terminate();
        reject(
          new Error(
            `The Realtime API refused the relay's connection (HTTP ${res.statusCode}). Check the server's API key and model.`,
          ),
        );
      });
      upstream.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`The relay could not reach the Realtime API (${error.message}).`));
      });
    });
  }

  function bridge(client: WsSocket, upstream: Upstream, key: string): void {
    open.add(client);
    const limiter = createRateLimiter(rate);
    let closed = false;
    const closeBoth = (code: number, reason: string) => {
      if (closed) return;
      closed = true;
      open.delete(client);
      const safe =
        code === 1000 || (code >= 3000 && code <= 4999) || code === 1008 || code === 1009 || code === 1011
          ? code
          : 1011;
      const text = redactSecrets(reason, key).slice(0, 120);
      client.close(safe, text);
      upstream.close(safe === 1009 ? 1000 : safe, text);
    };
    const tell = (code: string, message: string, param: string, eventId: unknown) =>
      client.send(
        JSON.stringify({
          type: 'error',
          event_id: `event_relay_${Date.now().toString(36)}`,
          error: {
            type: 'invalid_request_error',
            code,
            message,
            param,
            event_id: typeof eventId === 'string' ? eventId : null,
          },
        }),
      );
    if (options.session) upstream.send(relaySessionUpdate(kind, options.session));
    for (const early of upstream.release()) client.send(early);
    upstream.on('message', (data, binary) => {
      if (!closed && !binary) client.send(textOf(data));
    });
    client.on('message', (data, binary) => {
      if (closed) return;
      if (binary) return tell('relay_refused', 'The relay forwards text (JSON) messages only.', '', null);
      const text = textOf(data);
      let event: unknown;
      try {
        event = JSON.parse(text);
      } catch {
        return tell('relay_refused', 'The message is not JSON.', '', null);
      }
      const eventId = (event as { event_id?: unknown } | null)?.event_id;
      if (limiter.take('client') > 0)
        return tell('rate_limited', 'Too many messages to the relay; this one was dropped.', '', eventId);
      const refused = checkClientEvent(event, allowed);
      if (refused) return tell('relay_refused', refused.message, refused.param, eventId);
      upstream.send(text);
    });
    client.on('close', (code, reason) => closeBoth(code, String(reason)));
    upstream.on('close', (code, reason) => closeBoth(code, String(reason)));
    client.on('error', () => closeBoth(1009, 'message too large'));
    upstream.on('error', () => closeBoth(1011, 'upstream error'));
  }

  const relay = ((request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrade(request, socket, head).catch(() => refuse(socket, 500, 'The relay failed.'));
  }) as RealtimeRelay;
  relay.close = () => {
    for (const client of open) client.close(1001, 'relay closing');
    server?.close();
  };
  return relay;
}

function toRequest(request: IncomingMessage, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) headers.set(name, value.join(', '));
  }
  return new Request(new URL(`${url.pathname}${url.search}`, `http://${request.headers.host ?? 'relay.invalid'}`), {
    method: 'GET',
    headers,
  });
}

function refusal(status: number, message: string): Response {
  return new Response(JSON.stringify({ error: { message } }), { status });
}

function refuse(socket: Duplex, status: number, body: string): void {
  if (socket.destroyed) return;
  const text = body.slice(0, 1000);
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/** A `ws` text message as a string: a Buffer by default, an ArrayBuffer or fragments under another `binaryType`. */
function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString();
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString();
}
