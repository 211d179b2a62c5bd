import { createSocket } from 'node:dgram';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatedCall } from './EmulatedCall.js';
import type { CallLogger, ConversationItem } from './EmulatedCall.js';
import type { MicInputStats } from './MicInput.js';
import { FaultRegistry, isChannelFault, toFault } from './faults.js';
import type { Fault, FaultTarget, HttpEndpoint } from './faults.js';
import { newHexId } from './ids.js';
import { openAiError } from './openAiError.js';
import type { OpenAiErrorBody } from './openAiError.js';
import { scenario as defaultScenario, toScenario } from './scenario.js';
import type { Scenario, ScenarioData } from './scenario.js';
import { defaultSessionConfig, mergeSessionConfig, validateSessionPatch } from './sessionConfig.js';
import type { SessionConfig } from './sessionConfig.js';

export interface RealtimeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Only loopback addresses are accepted: the emulator is for this machine. Default 127.0.0.1. */
  host?: string;
  /** Script for new calls (default: answers every turn with "You said something. This is reply N."). */
  scenario?: Scenario | ScenarioData;
  /** Ends every session this long after `session.created`, like OpenAI's 60-minute limit. Default: no limit. */
  sessionLimitMs?: number;
  /** Default lifetime of minted client secrets when the request gives none (OpenAI: 600). */
  secretTtlSeconds?: number;
  logger?: CallLogger;
}

export interface EmulatedCallInfo {
  id: string;
  state: 'connecting' | 'open' | 'closed';
  createdAt: number;
  session: SessionConfig;
  activeResponseId: string | null;
  audioPlaying: boolean;
  serverEventsSent: number;
  /** What the emulator heard from the caller: frames decoded, frames above -60 dBFS, latest RMS. */
  input: MicInputStats;
  items: ConversationItem[];
}

export interface EmulatorCalls {
  /** Calls that are connecting or open. */
  list(): EmulatedCallInfo[];
  get(callId: string): EmulatedCallInfo | undefined;
  /** The conversation items a call holds, in order. */
  items(callId: string): ConversationItem[];
  /** Resolves with the next call that opens its data channel. */
  waitForOpen(options?: { timeoutMs?: number }): Promise<EmulatedCallInfo>;
  hangup(callId: string): boolean;
  /** Sends raw strings over a call's data channel as they are (for hostile-input tests). Returns how many were sent. */
  send(callId: string, messages: readonly string[]): number;
}

export interface RealtimeEmulator {
  /** Origin, e.g. `http://127.0.0.1:8787`; clients use `${url}/v1` as `apiBaseUrl`. */
  url: string;
  /** `${url}/v1`. */
  apiBaseUrl: string;
  port: number;
  calls: EmulatorCalls;
  /** Script for calls created from now on; with `callId`, replaces the script of that active call. */
  setScenario(next: Scenario | ScenarioData, target?: FaultTarget): void;
  /** Arms a fault, globally or for one call (see `Fault` for when each kind fires). */
  inject(fault: Fault, target?: FaultTarget): void;
  /** Disarms all faults. */
  clearFaults(): void;
  /** Faults still armed. */
  faults(): Array<{ fault: Fault; remaining: number; callId?: string }>;
  /** Hangs up every call and stops listening. */
  close(): Promise<void>;
}

interface Secret {
  value: string;
  expiresAt: number;
  session: SessionConfig;
}

const MAX_BODY_BYTES = 1 << 20;
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: OpenAiErrorBody,
  ) {
    super(body.message);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new HttpError(413, openAiError('Request body too large (limit 1 MiB).', 'request_too_large')));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError(
      400,
      openAiError(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
        null,
      ),
    );
  }
}

function bearer(req: IncomingMessage): string | null {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? null;
}

/** Minimal multipart/form-data reader for the unified `/realtime/calls` variant (parts `sdp` and `session`). */
function parseMultipart(body: Buffer, contentType: string): Map<string, string> {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  const parts = new Map<string, string>();
  if (!boundary) return parts;
  const text = body.toString('utf8');
  for (const chunk of text.split(`--${boundary}`)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const headers = chunk.slice(0, split);
    const name = /name="([^"]+)"/i.exec(headers)?.[1];
    if (!name) continue;
    parts.set(name, chunk.slice(split + 4).replace(/\r\n$/, ''));
  }
  return parts;
}

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

/** Starts the emulator on 127.0.0.1. Resolves once it listens. */
export async function startRealtimeEmulator(options: RealtimeEmulatorOptions = {}): Promise<RealtimeEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new TypeError(`The emulator binds only to loopback (127.0.0.1 or ::1), not '${host}'.`);
  const secretTtl = options.secretTtlSeconds ?? 600;
  const logger = options.logger;
  const faultRegistry = new FaultRegistry();
  const secrets = new Map<string, Secret>();
  const calls = new Map<string, EmulatedCall>();
  const openWaiters = new Set<(call: EmulatedCall) => void>();
  let currentScenario: Scenario = options.scenario ? toScenario(options.scenario) : defaultScenario();

  function info(call: EmulatedCall): EmulatedCallInfo {
    return {
      id: call.id,
      state: call.state,
      createdAt: call.createdAt,
      session: structuredClone(call.session),
      activeResponseId: call.activeResponseId,
      audioPlaying: call.audioPlaying,
      serverEventsSent: call.serverEventsSent,
      input: call.input,
      items: call.listItems(),
    };
  }

  async function applyHttpFaults(endpoint: HttpEndpoint): Promise<void> {
    const delay = faultRegistry.take((f) => f.type === 'http_delay' && f.endpoint === endpoint);
    if (delay?.type === 'http_delay') await new Promise((r) => setTimeout(r, delay.ms));
    const failure = faultRegistry.take((f) => f.type === 'http_error' && f.endpoint === endpoint);
    if (failure?.type === 'http_error') {
      throw new HttpError(failure.status, {
        ...openAiError(`Injected failure: ${endpoint} answered ${failure.status}.`, 'emulator_fault', null, failure.status >= 500 ? 'server_error' : 'invalid_request_error'),
        ...failure.error,
      });
    }
  }

  async function mintSecret(req: IncomingMessage): Promise<unknown> {
    const key = bearer(req);
    if (!key) {
      throw new HttpError(
        401,
        openAiError(
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
          null,
        ),
      );
    }
    if (key.startsWith('ek_')) {
      throw new HttpError(401, openAiError('Ephemeral client secrets cannot mint client secrets. Use a standard API key on your server.', 'invalid_api_key'));
    }
    await applyHttpFaults('client_secrets');
    const body = parseJson(await readBody(req));
    const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const expiresAfter = request.expires_after as Record<string, unknown> | undefined;
    let ttl = secretTtl;
    if (expiresAfter !== undefined) {
      const seconds = expiresAfter?.seconds;
      if (expiresAfter.anchor !== undefined && expiresAfter.anchor !== 'created_at') {
        throw new HttpError(400, openAiError("Invalid 'expires_after.anchor': only 'created_at' is supported.", 'invalid_value', 'expires_after.anchor'));
      }
      if (seconds !== undefined) {
        // OpenAI accepts 10..7200; shorter lifetimes are allowed here so tests can watch a key expire.
        if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 7200) {
          throw new HttpError(400, openAiError("Invalid 'expires_after.seconds': expected a number of seconds up to 7200.", 'invalid_value', 'expires_after.seconds'));
        }
        ttl = seconds;
      }
    }
    let session = defaultSessionConfig();
    if (request.session !== undefined) {
      const problem = validateSessionPatch(request.session, null);
      if (problem) throw new HttpError(400, openAiError(problem.message, problem.code, problem.param));
      session = mergeSessionConfig(session, request.session as Record<string, unknown>);
      const model = (request.session as Record<string, unknown>).model;
      if (typeof model === 'string') session.model = model;
    }
    const value = newHexId('ek');
    const expiresAt = Math.floor(Date.now() / 1000 + ttl);
    secrets.set(value, { value, expiresAt: Date.now() + ttl * 1000, session });
    return { value, expires_at: expiresAt, session };
  }

  async function createCall(req: IncomingMessage): Promise<{ id: string; sdp: string }> {
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
    let session: SessionConfig;
    const body = await readBody(req);
    let offer = body.toString('utf8');
    if (!key) {
      throw new HttpError(401, openAiError("You didn't provide an API key. Send 'Authorization: Bearer ek_...' with a client secret from /v1/realtime/client_secrets.", null));
    }
    const secret = secrets.get(key);
    if (key.startsWith('ek_')) {
      if (!secret) throw new HttpError(401, openAiError('Incorrect API key provided: the client secret is unknown. Mint a new one with POST /v1/realtime/client_secrets.', 'invalid_api_key'));
      if (Date.now() >= secret.expiresAt) {
        throw new HttpError(401, openAiError('The client secret has expired. Mint a new one with POST /v1/realtime/client_secrets and connect again.', 'expired_api_key'));
      }
      session = structuredClone(secret.session);
    } else if (isMultipart) {
      // The unified interface: a server with a standard key posts both the offer and the session.
      session = defaultSessionConfig();
    } else {
      throw new HttpError(401, openAiError('Use a client secret (ek_...) from /v1/realtime/client_secrets, or the multipart form with a standard key.', 'invalid_api_key'));
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
      throw new HttpError(400, openAiError('Invalid SDP offer: expected a WebRTC offer with an audio m-line and a DTLS fingerprint.', 'invalid_offer', 'sdp'));
    }
    await applyHttpFaults('calls');
    const id = newHexId('rtc');
    let answer: { call: EmulatedCall; sdp: string };
    try {
      answer = await EmulatedCall.answer(offer, {
        id,
        session,
        scenario: currentScenario,
        faults: faultRegistry,
        sessionLimitMs: options.sessionLimitMs,
        logger,
        onOpen: (call) => {
          for (const waiter of [...openWaiters]) waiter(call);
        },
        onClosed: (call) => calls.delete(call.id),
      });
    } catch (error) {
      throw new HttpError(400, openAiError(`Invalid SDP offer: ${error instanceof Error ? error.message : String(error)}`, 'invalid_offer', 'sdp'));
    }
    const badSdp = faultRegistry.take((f) => f.type === 'bad_sdp_answer');
    if (badSdp) {
      answer.call.close('bad SDP answer fault');
      return { id, sdp: 'this is not an SDP answer\r\n' };
    }
    const iceFail = faultRegistry.take((f) => f.type === 'ice_fail');
    if (iceFail) {
      answer.call.close('ICE failure fault');
      return { id, sdp: withCandidatePort(answer.sdp, await closedUdpPort()) };
    }
    calls.set(id, answer.call);
    return { id, sdp: answer.sdp };
  }

  function cors(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin;
    res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
    if (origin) res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', 'Location, x-request-id, openai-processing-ms');
  }

  function sendJson(res: ServerResponse, status: number, body: unknown): void {
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('x-request-id', newHexId('req', 12));
    res.end(JSON.stringify(body));
  }

  async function control(req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
    const method = req.method ?? 'GET';
    const callMatch = /^\/__emulator\/calls\/([^/]+)(\/items)?$/.exec(path);
    const sendMatch = /^\/__emulator\/calls\/([^/]+)\/send$/.exec(path);
    if (method === 'POST' && sendMatch) {
      const body = parseJson(await readBody(req));
      const messages = Array.isArray(body) ? body : (body as Record<string, unknown>).messages;
      if (!Array.isArray(messages) || !messages.every((m) => typeof m === 'string')) {
        return sendJson(res, 400, { error: openAiError('Send a JSON array of strings (each sent as one data channel message).', 'invalid_messages') });
      }
      if (!calls.has(sendMatch[1]!)) return sendJson(res, 404, { error: openAiError(`No active call '${sendMatch[1]}'.`, 'call_not_found') });
      return sendJson(res, 200, { sent: emulator.calls.send(sendMatch[1]!, messages as string[]) });
    }
    if (method === 'GET' && path === '/__emulator/calls') return sendJson(res, 200, { calls: emulator.calls.list() });
    if (method === 'GET' && callMatch) {
      const call = emulator.calls.get(callMatch[1]!);
      if (!call) return sendJson(res, 404, { error: openAiError(`No active call '${callMatch[1]}'.`, 'call_not_found') });
      return sendJson(res, 200, callMatch[2] ? { items: call.items } : call);
    }
    if (method === 'POST' && path === '/__emulator/scenario') {
      const body = parseJson(await readBody(req)) as Record<string, unknown>;
      const target = typeof body.callId === 'string' ? { callId: body.callId } : {};
      try {
        emulator.setScenario(toScenario(body.scenario ?? body), target);
      } catch (error) {
        return sendJson(res, 400, { error: openAiError((error as Error).message, 'invalid_scenario') });
      }
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && path === '/__emulator/faults') {
      const body = parseJson(await readBody(req)) as Record<string, unknown>;
      try {
        const fault = toFault(body.fault ?? body);
        emulator.inject(fault, typeof body.callId === 'string' ? { callId: body.callId } : {});
      } catch (error) {
        return sendJson(res, 400, { error: openAiError((error as Error).message, 'invalid_fault') });
      }
      return sendJson(res, 200, { ok: true, faults: emulator.faults() });
    }
    if (method === 'GET' && path === '/__emulator/faults') return sendJson(res, 200, { faults: emulator.faults() });
    if (method === 'DELETE' && path === '/__emulator/faults') {
      emulator.clearFaults();
      return sendJson(res, 200, { ok: true });
    }
    if (method === 'POST' && path === '/__emulator/reset') {
      emulator.clearFaults();
      currentScenario = defaultScenario();
      for (const call of [...calls.values()]) call.close('reset');
      return sendJson(res, 200, { ok: true });
    }
    return sendJson(res, 404, { error: openAiError(`Unknown emulator endpoint ${method} ${path}.`, 'not_found') });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    cors(req, res);
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '') || '/';
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      res.setHeader('Access-Control-Allow-Methods', req.headers['access-control-request-method'] ?? 'GET, POST, DELETE, OPTIONS');
      const requested = req.headers['access-control-request-headers'];
      res.setHeader('Access-Control-Allow-Headers', requested ?? 'Authorization, Content-Type');
      res.setHeader('Access-Control-Max-Age', '600');
      res.end();
      return;
    }
    if (path.startsWith('/__emulator/')) return control(req, res, path);
    if (path === '/v1/realtime/client_secrets') {
      if (method !== 'POST') return sendJson(res, 405, { error: openAiError(`Method ${method} not allowed; use POST.`, 'method_not_allowed') });
      return sendJson(res, 200, await mintSecret(req));
    }
    if (path === '/v1/realtime/calls') {
      if (method !== 'POST') return sendJson(res, 405, { error: openAiError(`Method ${method} not allowed; use POST.`, 'method_not_allowed') });
      const { id, sdp } = await createCall(req);
      res.statusCode = 201;
      res.setHeader('Content-Type', 'application/sdp');
      res.setHeader('Location', `/v1/realtime/calls/${id}`);
      res.end(sdp);
      return;
    }
    const hangup = /^\/v1\/realtime\/calls\/([^/]+)\/hangup$/.exec(path);
    if (hangup && method === 'POST') {
      if (!bearer(req)) throw new HttpError(401, openAiError("You didn't provide an API key.", null));
      const call = calls.get(hangup[1]!);
      if (!call) return sendJson(res, 404, { error: openAiError(`No call found with id '${hangup[1]}'.`, 'call_not_found', 'call_id') });
      call.close('hangup');
      res.statusCode = 200;
      res.end();
      return;
    }
    return sendJson(res, 404, { error: openAiError(`Invalid URL (${method} ${path})`, null) });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof HttpError) return sendJson(res, error.status, { error: error.body });
      logger?.warn?.('talkwire emulator: request failed', error);
      sendJson(res, 500, { error: openAiError('The emulator failed to handle this request.', 'server_error', null, 'server_error') });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  const emulator: RealtimeEmulator = {
    url,
    apiBaseUrl: `${url}/v1`,
    port,
    calls: {
      list: () => [...calls.values()].map(info),
      get: (callId) => {
        const call = calls.get(callId);
        return call ? info(call) : undefined;
      },
      items: (callId) => calls.get(callId)?.listItems() ?? [],
      waitForOpen: ({ timeoutMs = 10_000 } = {}) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            openWaiters.delete(waiter);
            reject(new Error(`No call opened its data channel within ${timeoutMs} ms.`));
          }, timeoutMs);
          const waiter = (call: EmulatedCall) => {
            clearTimeout(timer);
            openWaiters.delete(waiter);
            resolve(info(call));
          };
          openWaiters.add(waiter);
        }),
      hangup: (callId) => {
        const call = calls.get(callId);
        call?.close('hangup');
        return call !== undefined;
      },
      send: (callId, messages) => calls.get(callId)?.sendRawMessages(messages) ?? 0,
    },
    setScenario(next, target = {}) {
      const parsed = toScenario(next);
      if (target.callId) {
        const call = calls.get(target.callId);
        if (!call) throw new TypeError(`No active call '${target.callId}'.`);
        call.setScenario(parsed);
        return;
      }
      currentScenario = parsed;
    },
    inject(fault, target = {}) {
      const checked = toFault(fault);
      const when = isChannelFault(checked) ? (checked.when ?? 'now') : undefined;
      const open = [...calls.values()].filter((c) => c.state === 'open' && (!target.callId || c.id === target.callId));
      if (when === 'now' && isChannelFault(checked) && open.length > 0) {
        for (const call of open) call.applyFault(checked);
        return;
      }
      faultRegistry.add(checked, target);
    },
    clearFaults: () => faultRegistry.clear(),
    faults: () => faultRegistry.list(),
    close: async () => {
      for (const call of [...calls.values()]) call.close('emulator closed');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return emulator;
}
