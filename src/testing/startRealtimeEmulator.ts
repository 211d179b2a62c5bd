import { toConditions, type NetworkConditions } from './conditions.js';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RecordedClientEvent } from './engine/ClientEventLog.js';
import type { ConversationEngine } from './engine/ConversationEngine.js';
import type { MicInputStats } from './engine/inputStats.js';
import type { CallLogger, ConversationItem } from './engine/types.js';
import { pendingCalls } from './emulatorContext.js';
import type { EmulatorContext } from './emulatorContext.js';
import { FaultRegistry, isChannelFault, toFault } from './faults.js';
import type { Fault, FaultTarget } from './faults.js';
import { controlRefusal, cors } from './http/controlGuard.js';
import { controlRoute } from './http/controlRoutes.js';
import { openAiRoute } from './http/openAiRoutes.js';
import { HttpError, sendJson, sendRefusal } from './http/requests.js';
import { openAiError } from './openAiError.js';
import { scenario as defaultScenario, toScenario } from './scenario.js';
import type { Scenario, ScenarioData } from './scenario.js';
import { SecretStore } from './SecretStore.js';
import type { SessionConfig } from './sessionConfig.js';
import { sipApi } from './sip/SipCall.js';
import type { IncomingSipOptions, SipCallInfo } from './sip/SipCall.js';
import { createWebSocketEndpoint } from './websocket/acceptWebSocket.js';

export type { CallLogger, ConversationItem } from './engine/types.js';
export type { RecordedClientEvent } from './engine/ClientEventLog.js';
export type { IncomingSipOptions, SipCallInfo, SipState } from './sip/SipCall.js';

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
  /**
   * Ends a call when nothing came from its peer for this long (a browser that vanished without hanging up).
   * Browsers send ICE consent checks every 5 s or so and WebSocket clients answer pings. Default 15000.
   */
  livenessTimeoutMs?: number;
  /** Most WebRTC calls that may wait for their peer to connect at once; more offers get 429. Default 16. */
  maxPendingCalls?: number;
  /**
   * When set, `/__emulator/*` needs it as `Authorization: Bearer <token>` (or `x-talkwire-emulator-token`). Those
   * endpoints answer only loopback Host names and pages on this machine either way.
   */
  controlToken?: string;
  /** Leave sideband sockets open (and deaf) when their call ends, as OpenAI may (openai-agents-js#684). Default false. */
  sidebandsOutliveCalls?: boolean;
  /** Model delay and network delay, jitter and loss from the start (see `setConditions`). */
  conditions?: Partial<NetworkConditions>;
  logger?: CallLogger;
}

export interface EmulatedCallInfo {
  id: string;
  /** What carries the call: a WebRTC peer (`rtc_…`) or a WebSocket (`sess_…`). */
  transport: 'webrtc' | 'websocket';
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
  /** The client events a call received, oldest first (the newest 1,000; long strings such as audio summarised). */
  clientEvents(callId: string, type?: string): RecordedClientEvent[];
  /** Resolves with the next call that opens its data channel or socket. */
  waitForOpen(options?: { timeoutMs?: number }): Promise<EmulatedCallInfo>;
  hangup(callId: string): boolean;
  /**
   * Sends raw strings over a call's channel as they are (hostile-input tests). Waits while the channel's buffer is
   * full, so the count is what was really handed to the network; stops at a message too large for the channel.
   */
  send(callId: string, messages: readonly string[]): Promise<number>;
}

export interface EmulatorStats {
  calls: { open: number; connecting: number };
  /** Client secrets held (expired ones are purged). */
  secrets: number;
}

export interface RealtimeEmulator {
  /** Origin, e.g. `http://127.0.0.1:8787`; clients use `${url}/v1` as `apiBaseUrl`. */
  url: string;
  /** `${url}/v1`. */
  apiBaseUrl: string;
  port: number;
  calls: EmulatorCalls;
  /** Simulated incoming SIP calls (see docs/EMULATOR.md, SIP). */
  sip: {
    /** Rings: posts a signed `realtime.call.incoming` webhook; resolves once the app answered it. */
    incoming(options: IncomingSipOptions): Promise<SipCallInfo>;
    get(callId: string): SipCallInfo | undefined;
  };
  /** Script for calls created from now on; with `callId`, replaces the script of that active call. */
  setScenario(next: Scenario | ScenarioData, target?: FaultTarget): void;
  /** Arms a fault, globally or for one call (see `Fault` for when each kind fires). */
  inject(fault: Fault, target?: FaultTarget): void;
  /** Disarms all faults. */
  clearFaults(): void;
  /**
   * Model delay for every call, and delay, jitter and loss on what WebRTC calls send (events and audio); the
   * given fields change, the others stay. Applies at once to active calls. Throws a TypeError on a bad value.
   */
  setConditions(conditions: Partial<NetworkConditions>): NetworkConditions;
  conditions(): NetworkConditions;
  /** Faults still armed. */
  faults(): Array<{ fault: Fault; remaining: number; callId?: string }>;
  /** Calls and secrets held right now. */
  stats(): EmulatorStats;
  /** Hangs up every call and stops listening. */
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

function info(call: ConversationEngine): EmulatedCallInfo {
  return {
    id: call.id,
    transport: call.media.transport,
    state: call.state,
    createdAt: call.createdAt,
    session: structuredClone(call.session),
    activeResponseId: call.activeResponseId,
    audioPlaying: call.audioPlaying,
    serverEventsSent: call.serverEventsSent,
    input: call.media.inputStats(),
    items: call.listItems(),
  };
}

/** Starts the emulator on 127.0.0.1. Resolves once it listens. */
export async function startRealtimeEmulator(options: RealtimeEmulatorOptions = {}): Promise<RealtimeEmulator> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host))
    throw new TypeError(`The emulator binds only to loopback (127.0.0.1 or ::1), not '${host}'.`);
  for (const [name, value] of [
    ['livenessTimeoutMs', options.livenessTimeoutMs],
    ['maxPendingCalls', options.maxPendingCalls],
  ] as const) {
    if (value !== undefined && (!Number.isFinite(value) || value <= 0))
      throw new TypeError(`startRealtimeEmulator: '${name}' must be a positive number, got ${value}.`);
  }
  const openWaiters = new Set<(call: ConversationEngine) => void>();
  let conditions = toConditions(options.conditions ?? {});
  const context: EmulatorContext = {
    secrets: new SecretStore(),
    faults: new FaultRegistry(),
    calls: new Map(),
    sidebands: new Map(),
    sip: new Map(),
    sipCalls: new Map(),
    sidebandsOutliveCalls: options.sidebandsOutliveCalls ?? false,
    scenario: options.scenario ? toScenario(options.scenario) : defaultScenario(),
    secretTtlSeconds: options.secretTtlSeconds ?? 600,
    livenessTimeoutMs: options.livenessTimeoutMs ?? 15_000,
    maxPendingCalls: options.maxPendingCalls ?? 16,
    controlToken: options.controlToken || undefined,
    logger: options.logger,
    negotiating: 0,
    callOptions: (id, session) => ({
      id,
      session,
      scenario: context.scenario,
      faults: context.faults,
      sessionLimitMs: options.sessionLimitMs,
      logger: options.logger,
      conditions: () => conditions,
      onOpen: (call) => {
        for (const waiter of [...openWaiters]) waiter(call);
      },
      onClosed: (call) => {
        context.calls.delete(call.id);
        for (const detach of context.sidebands.get(call.id) ?? []) detach();
        context.sidebands.delete(call.id);
        context.sip.delete(call.id);
        const sip = context.sipCalls.get(call.id);
        if (sip && (sip.state === 'ringing' || sip.state === 'accepted')) sip.state = 'ended';
      },
    }),
  };
  const webSockets = await createWebSocketEndpoint(context);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '') || '/';
    const control = path.startsWith('/__emulator/');
    cors(req, res, control);
    if (control) {
      const refusal = controlRefusal(req, context.controlToken);
      if (refusal) return sendJson(res, 403, { error: openAiError(refusal, 'forbidden') });
    }
    if (method === 'OPTIONS') {
      res.statusCode = 204;
      res.setHeader(
        'Access-Control-Allow-Methods',
        req.headers['access-control-request-method'] ?? 'GET, POST, DELETE, OPTIONS',
      );
      res.setHeader(
        'Access-Control-Allow-Headers',
        req.headers['access-control-request-headers'] ?? 'Authorization, Content-Type',
      );
      res.setHeader('Access-Control-Max-Age', '600');
      res.end();
      return;
    }
    if (control) return controlRoute(context, emulator, req, res, path);
    if (await openAiRoute(context, req, res, path)) return;
    return sendJson(res, 404, { error: openAiError(`Invalid URL (${method} ${path})`, null) });
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) return;
      if (error instanceof HttpError) return sendRefusal(req, res, error);
      options.logger?.warn?.('talkwire emulator: request failed', error);
      sendJson(res, 500, {
        error: openAiError('The emulator failed to handle this request.', 'server_error', null, 'server_error'),
      });
    });
  });
  server.on('upgrade', webSockets.handleUpgrade);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const calls = context.calls;
  const sendAll = (callId: string, messages: readonly string[]) =>
    calls.get(callId)?.media.sendRaw(messages) ?? Promise.resolve(0);

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
      clientEvents: (callId, type) => calls.get(callId)?.clientEvents.list(type) ?? [],
      waitForOpen: ({ timeoutMs = 10_000 } = {}) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => {
            openWaiters.delete(waiter);
            reject(new Error(`No call opened its data channel within ${timeoutMs} ms.`));
          }, timeoutMs);
          const waiter = (call: ConversationEngine) => {
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
      send: sendAll,
    },
    sip: sipApi(context),
    setScenario(next, target = {}) {
      const parsed = toScenario(next);
      if (target.callId) {
        const call = calls.get(target.callId);
        if (!call) throw new TypeError(`No active call '${target.callId}'.`);
        call.setScenario(parsed);
        return;
      }
      context.scenario = parsed;
    },
    inject(fault, target = {}) {
      const checked = toFault(fault);
      const when = isChannelFault(checked) ? (checked.when ?? 'now') : undefined;
      const open = [...calls.values()].filter((c) => c.state === 'open' && (!target.callId || c.id === target.callId));
      if (when === 'now' && isChannelFault(checked) && open.length > 0) {
        for (const call of open) call.applyFault(checked);
        return;
      }
      context.faults.add(checked, target);
    },
    clearFaults: () => context.faults.clear(),
    setConditions: (next) => (conditions = toConditions(next, conditions)),
    conditions: () => conditions,
    faults: () => context.faults.list(),
    stats: () => {
      context.secrets.purge();
      const connecting = pendingCalls(context);
      return {
        calls: { open: calls.size - (connecting - context.negotiating), connecting },
        secrets: context.secrets.size,
      };
    },
    close: async () => {
      for (const call of [...calls.values()]) call.close('emulator closed');
      webSockets.close();
      context.secrets.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
  return emulator;
}
