import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { EmulatorContext } from '../emulatorContext.js';
import { HttpError } from '../http/requests.js';
import { sessionForSecret } from '../http/openAiRoutes.js';
import { newHexId, newId } from '../ids.js';
import { openAiError } from '../openAiError.js';
import type { OpenAiErrorBody } from '../openAiError.js';
import { defaultSessionConfig, sessionFormatProblem } from '../sessionConfig.js';
import type { SessionConfig } from '../sessionConfig.js';
import { MAX_WS_MESSAGE_BYTES, WebSocketCall } from './WebSocketCall.js';

const KEY_PROTOCOL = 'openai-insecure-api-key.';

/** The key from `Authorization: Bearer` (servers) or the `openai-insecure-api-key.` subprotocol (browsers). */
function keyOf(req: IncomingMessage): string | null {
  const header = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
  if (header) return header;
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  const key = protocols.find((p) => p.startsWith(KEY_PROTOCOL))?.slice(KEY_PROTOCOL.length);
  return key || null;
}

function refuseUpgrade(socket: Duplex, status: number, error: OpenAiErrorBody): void {
  const body = JSON.stringify({ error });
  const reason = { 401: 'Unauthorized', 404: 'Not Found', 501: 'Not Implemented' }[status] ?? 'Bad Request';
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Sends one `error` event and closes, as OpenAI does for a socket it cannot serve (e.g. no `model`). */
function refuseSession(ws: WebSocket, error: OpenAiErrorBody): void {
  ws.send(JSON.stringify({ type: 'error', event_id: newId('event'), error: { ...error, event_id: null } }));
  ws.close(1008, error.message.slice(0, 120));
}

/** What the query asks for; exactly one of `model`, `intent`, `call_id`, as OpenAI requires. */
function targetProblem(query: URLSearchParams): OpenAiErrorBody | null {
  const given = ['model', 'intent', 'call_id'].filter((name) => query.has(name));
  if (given.length === 0)
    return openAiError(
      "Missing required parameter: 'model'. Connect to /v1/realtime?model=<model>.",
      'missing_model',
      'model',
    );
  if (given.length > 1)
    return openAiError(
      `Give exactly one of 'model', 'intent' and 'call_id', not ${given.join(' and ')}.`,
      'invalid_value',
      given[1],
    );
  if (query.has('intent')) {
    return openAiError(
      `The emulator does not serve '?intent=${query.get('intent')}' sessions yet. Connect with ?model=<model> for a conversation.`,
      'unsupported_intent',
      'intent',
    );
  }
  if (query.has('call_id'))
    return openAiError(
      'The emulator does not serve sideband connections (?call_id=) yet.',
      'unsupported_call_id',
      'call_id',
    );
  return null;
}

/** `ws` is an optional peer: loaded on start, so WebRTC-only users need not install it. */
async function loadWebSocketServer(): Promise<typeof WebSocketServer | null> {
  try {
    return (await import('ws')).WebSocketServer;
  } catch {
    return null;
  }
}

/**
 * `GET /v1/realtime?model=…` upgrades to a Realtime session over WebSocket, authenticated by a standard key
 * (`Authorization: Bearer sk-…`) or a client secret in the browser's subprotocols. Returns the `upgrade` handler and
 * a close function.
 */
export async function createWebSocketEndpoint(context: EmulatorContext): Promise<{
  handleUpgrade: (req: IncomingMessage, socket: Duplex, head: Buffer) => void;
  close: () => void;
}> {
  const Server = await loadWebSocketServer();
  const wss = Server
    ? new Server({
        noServer: true,
        maxPayload: MAX_WS_MESSAGE_BYTES,
        // Only `realtime` is ever echoed: the key subprotocol must not come back in the response.
        handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false),
      })
    : null;

  function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    if (!wss) {
      return refuseUpgrade(
        socket,
        501,
        openAiError(
          "The emulator's WebSocket endpoint needs the 'ws' package: npm install --save-dev ws",
          'websocket_unavailable',
        ),
      );
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.replace(/\/+$/, '') !== '/v1/realtime') {
      return refuseUpgrade(
        socket,
        404,
        openAiError(
          `Invalid URL (GET ${url.pathname}); the Realtime WebSocket is at /v1/realtime?model=<model>.`,
          null,
        ),
      );
    }
    const key = keyOf(req);
    let session: SessionConfig;
    try {
      if (!key)
        throw new HttpError(
          401,
          openAiError(
            "You didn't provide an API key. Send 'Authorization: Bearer <key>', or from a browser the subprotocols 'realtime' and 'openai-insecure-api-key.<ek_...>'.",
            null,
          ),
        );
      session = key.startsWith('ek_') ? sessionForSecret(context, key) : defaultSessionConfig();
    } catch (error) {
      const refusal = error as HttpError;
      return refuseUpgrade(socket, refusal.status, refusal.body);
    }
    const formats = sessionFormatProblem(session, 'websocket');
    const problem =
      targetProblem(url.searchParams) ?? (formats && openAiError(formats.message, formats.code, formats.param));
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (problem) return refuseSession(ws, problem);
      const model = url.searchParams.get('model');
      // A standard key takes the model from the URL; a client secret keeps the session it was minted with.
      if (model && !key.startsWith('ek_')) session.model = model;
      const id = newHexId('sess', 12);
      const call = WebSocketCall.start(ws, {
        ...context.callOptions(id, session),
        livenessTimeoutMs: context.livenessTimeoutMs,
      });
      if (call.state !== 'closed') context.calls.set(id, call);
    });
  }

  return {
    handleUpgrade,
    close: () => {
      for (const client of wss?.clients ?? []) client.terminate();
      wss?.close();
    },
  };
}
