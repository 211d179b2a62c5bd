import { createSocket } from 'node:dgram';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConversationEngine } from '../engine/ConversationEngine.js';
import { applyHttpFaults, pendingCalls } from '../emulatorContext.js';
import type { EmulatorContext } from '../emulatorContext.js';
import { newHexId } from '../ids.js';
import { openAiError } from '../openAiError.js';
import {
  defaultSessionConfig,
  isTranslationSession,
  mergeSessionConfig,
  validateSessionPatch,
} from '../sessionConfig.js';
import type { SessionConfig } from '../sessionConfig.js';
import { WebRtcCall } from '../webrtc/WebRtcCall.js';
import { NO_KEY, mintSecret, sessionForSecret } from './clientSecrets.js';
import { HttpError, bearer, parseJson, parseMultipart, readBody, sendJson } from './requests.js';
export { sessionForSecret } from './clientSecrets.js';

function looksLikeSdp(sdp: string): boolean {
  return /^v=0\r?\n/.test(sdp) && /\r?\nm=audio /.test(sdp) && /\r?\na=fingerprint:/.test(sdp);
}

/** A UDP port on 127.0.0.1 that nothing listens on (bound, then released). */
function closedUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/** The answer with every ICE candidate moved to `port`. */
function withCandidatePort(sdp: string, port: number): string {
  return sdp
    .split('\r\n')
    .map((line) => {
      if (!line.startsWith('a=candidate:')) return line;
      const fields = line.split(' ');
      fields[5] = String(port);
      return fields.join(' ');
    })
    .join('\r\n');
}

async function createCall(
  context: EmulatorContext,
  req: IncomingMessage,
  translation = false,
): Promise<{ id: string; sdp: string }> {
  const contentType = (req.headers['content-type'] ?? '').toLowerCase();
  const isSdp = contentType.startsWith('application/sdp');
  const isMultipart = contentType.startsWith('multipart/form-data');
  if (!isSdp && !isMultipart) {
    throw new HttpError(
      400,
      openAiError(
        `Unsupported content type '${contentType || '(none)'}'. Send the SDP offer with Content-Type: application/sdp (or multipart/form-data with 'sdp' and 'session' parts).`,
        'unsupported_content_type',
      ),
    );
  }
  const key = bearer(req);
  const body = await readBody(req);
  let offer = body.toString('utf8');
  if (!key)
    throw new HttpError(
      401,
      openAiError(
        "You didn't provide an API key. Send 'Authorization: Bearer ek_...' with a client secret from /v1/realtime/client_secrets.",
        null,
      ),
    );
  let session: SessionConfig;
  if (key.startsWith('ek_')) {
    session = sessionForSecret(context, key);
    if (isTranslationSession(session) !== translation) {
      throw new HttpError(
        400,
        openAiError(
          translation
            ? 'This client secret is not for a translation session; mint one at /v1/realtime/translations/client_secrets.'
            : 'A translation client secret connects at /v1/realtime/translations/calls, not /v1/realtime/calls.',
          'invalid_client_secret',
        ),
      );
    }
  } else if (translation) {
    throw new HttpError(
      401,
      openAiError('Use a client secret (ek_...) from /v1/realtime/translations/client_secrets.', 'invalid_api_key'),
    );
  } else if (isMultipart) {
    // The unified interface: a server with a standard key posts both the offer and the session.
    session = defaultSessionConfig();
  } else {
    throw new HttpError(
      401,
      openAiError(
        'Use a client secret (ek_...) from /v1/realtime/client_secrets, or the multipart form with a standard key.',
        'invalid_api_key',
      ),
    );
  }
  if (isMultipart) {
    const parts = parseMultipart(body, contentType);
    offer = parts.get('sdp') ?? '';
    const sessionPart = parts.get('session');
    if (sessionPart) {
      const patch = parseJson(Buffer.from(sessionPart));
      const problem = validateSessionPatch(patch, null);
      if (problem) throw new HttpError(400, openAiError(problem.message, problem.code, problem.param));
      session = mergeSessionConfig(session, patch as Record<string, unknown>);
    }
  }
  if (!looksLikeSdp(offer)) {
    throw new HttpError(
      400,
      openAiError(
        'Invalid SDP offer: expected a WebRTC offer with an audio m-line and a DTLS fingerprint.',
        'invalid_offer',
        'sdp',
      ),
    );
  }
  if (pendingCalls(context) >= context.maxPendingCalls) {
    throw new HttpError(
      429,
      openAiError(
        `${context.maxPendingCalls} calls are already waiting for their peer to connect. Connect or hang up one of them first (the emulator caps half-open calls).`,
        'too_many_pending_calls',
      ),
    );
  }
  await applyHttpFaults(context, 'calls');
  const id = newHexId('rtc');
  let answer: { call: ConversationEngine; sdp: string };
  context.negotiating++;
  try {
    answer = await WebRtcCall.answer(offer, {
      ...context.callOptions(id, session),
      livenessTimeoutMs: context.livenessTimeoutMs,
    });
  } catch (error) {
    throw new HttpError(
      400,
      openAiError(
        `Invalid SDP offer: ${error instanceof Error ? error.message : String(error)}`,
        'invalid_offer',
        'sdp',
      ),
    );
  } finally {
    context.negotiating--;
  }
  if (context.faults.take((f) => f.type === 'bad_sdp_answer')) {
    answer.call.close('bad SDP answer fault');
    return { id, sdp: 'this is not an SDP answer\r\n' };
  }
  if (context.faults.take((f) => f.type === 'ice_fail')) {
    answer.call.close('ICE failure fault');
    return { id, sdp: withCandidatePort(answer.sdp, await closedUdpPort()) };
  }
  context.calls.set(id, answer.call);
  return { id, sdp: answer.sdp };
}

/** OpenAI's HTTP routes under `/v1`. Returns false when the path is not one of them. */
export async function openAiRoute(
  context: EmulatorContext,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const notAllowed = () =>
    sendJson(res, 405, { error: openAiError(`Method ${method} not allowed; use POST.`, 'method_not_allowed') });
  if (path === '/v1/realtime/client_secrets' || path === '/v1/realtime/translations/client_secrets') {
    if (method !== 'POST') notAllowed();
    else sendJson(res, 200, await mintSecret(context, req, path.includes('/translations/')));
    return true;
  }
  if (path === '/v1/realtime/calls' || path === '/v1/realtime/translations/calls') {
    if (method !== 'POST') {
      notAllowed();
      return true;
    }
    const { id, sdp } = await createCall(context, req, path.includes('/translations/'));
    res.statusCode = 201;
    res.setHeader('Content-Type', 'application/sdp');
    res.setHeader('Location', `/v1/realtime/calls/${id}`);
    res.end(sdp);
    return true;
  }
  const control = /^\/v1\/realtime\/calls\/([^/]+)\/(accept|reject|refer|hangup)$/.exec(path);
  if (control) {
    if (method !== 'POST') notAllowed();
    else await controlCall(context, req, control[1]!, control[2] as CallAction);
    res.statusCode = res.statusCode === 405 ? 405 : 200;
    if (!res.writableEnded) res.end();
    return true;
  }
  return false;
}

type CallAction = 'accept' | 'reject' | 'refer' | 'hangup';

/** `/calls/{id}/accept|reject|refer|hangup` with a standard key, bodies checked as OpenAI documents them. */
async function controlCall(
  context: EmulatorContext,
  req: IncomingMessage,
  callId: string,
  action: CallAction,
): Promise<void> {
  const key = bearer(req);
  if (!key) throw new HttpError(401, openAiError(NO_KEY, null));
  if (key.startsWith('ek_'))
    throw new HttpError(
      401,
      openAiError(`Client secrets cannot ${action} calls. Use a standard API key on your server.`, 'invalid_api_key'),
    );
  const body = parseJson(await readBody(req));
  const call = context.calls.get(callId);
  if (!call) throw new HttpError(404, openAiError(`No call found with id '${callId}'.`, 'call_not_found', 'call_id'));
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  if (action === 'hangup') return call.close('hangup');
  const sip = context.sip.get(callId);
  if (!sip) {
    throw new HttpError(
      400,
      openAiError(
        `Only an incoming SIP call can be ${action === 'refer' ? 'referred' : `${action}ed`}; call '${callId}' is a WebRTC call. Use /hangup to end it.`,
        'invalid_call_state',
        'call_id',
      ),
    );
  }
  if (action === 'refer') {
    if (typeof fields.target_uri !== 'string' || !/^(?:tel|sips?):\S+$/i.test(fields.target_uri)) {
      throw new HttpError(
        400,
        openAiError("Missing or invalid 'target_uri': expected a tel: or sip: URI.", 'invalid_value', 'target_uri'),
      );
    }
    return sip.refer(fields.target_uri);
  }
  if (action === 'reject') {
    const code = fields.status_code ?? 603;
    if (!Number.isInteger(code) || (code as number) < 400 || (code as number) > 699) {
      throw new HttpError(
        400,
        openAiError(
          "Invalid 'status_code': expected a SIP failure status from 400 to 699.",
          'invalid_value',
          'status_code',
        ),
      );
    }
    return sip.reject(code as number);
  }
  if (fields.type !== 'realtime')
    throw new HttpError(
      400,
      openAiError("Missing required parameter: 'type' (must be 'realtime').", 'missing_required_parameter', 'type'),
    );
  const { type: _type, model: _model, ...patch } = fields;
  const problem = validateSessionPatch(patch, null);
  if (problem) throw new HttpError(400, openAiError(problem.message, problem.code, problem.param));
  return sip.accept(patch);
}
