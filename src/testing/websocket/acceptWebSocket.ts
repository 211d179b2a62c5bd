import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { EmulatorContext } from '../emulatorContext.js';
import { HttpError } from '../http/requests.js';
import { sessionForSecret } from '../http/openAiRoutes.js';
import { newHexId, newId } from '../ids.js';
import { openAiError } from '../openAiError.js';
import type { OpenAiErrorBody } from '../openAiError.js';
import {
  defaultSessionConfig,
  defaultTranscriptionSessionConfig,
  defaultTranslationSessionConfig,
  isTranscriptionSession,
  isTranslationSession,
  sessionFormatProblem,
} from '../sessionConfig.js';
import type { SessionConfig } from '../sessionConfig.js';
import { attachSideband } from './sideband.js';
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
  if (query.has('intent') && query.get('intent') !== 'transcription') {
    return openAiError(
      `Invalid value: '?intent=${query.get('intent')}'. Use ?intent=transcription, or ?model=<model> for a conversation.`,
      'unsupported_intent',
      'intent',
    );
  }
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
    const pathname = url.pathname.replace(/\/+$/, '');
    const translation = pathname === '/v1/realtime/translations';
    if (pathname !== '/v1/realtime' && !translation) {
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
      const intent = url.searchParams.get('intent');
      const fresh = translation
        ? defaultTranslationSessionConfig()
        : intent === 'transcription'
          ? defaultTranscriptionSessionConfig()
          : defaultSessionConfig();
      session = key.startsWith('ek_') ? sessionForSecret(context, key) : fresh;
      if (isTranslationSession(session) !== translation) {
        throw new HttpError(
          400,
          openAiError(
            translation
              ? 'This client secret is not for a translation session.'
              : 'A translation client secret connects at /v1/realtime/translations.',
            'invalid_client_secret',
          ),
        );
      }
      if (intent === 'transcription' && !isTranscriptionSession(session)) {
        throw new HttpError(
          400,
          openAiError(
            'This client secret is for a realtime session; ?intent=transcription needs a key minted with session.type "transcription".',
            'invalid_value',
            'intent',
          ),
        );
      }
    } catch (error) {
      const refusal = error as HttpError;
      return refuseUpgrade(socket, refusal.status, refusal.body);
    }
    const callId = url.searchParams.get('call_id');
    if (callId !== null && targetProblem(url.searchParams) === null) return sideband(req, socket, head, key, callId);
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

  /** `?call_id=`: a server's control socket on a running call, with a standard key only. */
  function sideband(req: IncomingMessage, socket: Duplex, head: Buffer, key: string, callId: string): void {
    if (key.startsWith('ek_')) {
      return refuseUpgrade(
        socket,
        401,
        openAiError(
          'A sideband connection (?call_id=) needs a standard API key on your server, not a client secret.',
          'invalid_api_key',
        ),
      );
    }
    const call = context.calls.get(callId);
    if (!call || call.state === 'closed') {
      return refuseUpgrade(
        socket,
        404,
        openAiError(`No active call found with id '${callId}'.`, 'call_not_found', 'call_id'),
      );
    }
    wss!.handleUpgrade(req, socket, head, (ws) => {
      if (call.state === 'closed') return ws.close(1000, 'Call ended');
      const detachers = context.sidebands.get(callId) ?? new Set();
      context.sidebands.set(callId, detachers);
      const detach = attachSideband(ws, call, context.sidebandsOutliveCalls);
      detachers.add(detach);
      ws.on('close', () => detachers.delete(detach));
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
