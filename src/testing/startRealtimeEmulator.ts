import { toConditions } from './conditions.js';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConversationEngine } from './engine/ConversationEngine.js';
import { pendingCalls } from './emulatorContext.js';
import type { EmulatorContext } from './emulatorContext.js';
import { FaultRegistry, isChannelFault, toFault } from './faults.js';
import { controlRefusal, cors } from './http/controlGuard.js';
import { controlRoute } from './http/controlRoutes.js';
import { openAiRoute } from './http/openAiRoutes.js';
import { HttpError, sendJson, sendRefusal } from './http/requests.js';
import { openAiError } from './openAiError.js';
import type { EmulatedCallInfo, RealtimeEmulator, RealtimeEmulatorOptions } from './realtimeEmulatorApi.js';
import { scenario as defaultScenario, toScenario } from './scenario.js';
import { SecretStore } from './SecretStore.js';
import { sipApi } from './sip/SipCall.js';
import { createWebSocketEndpoint } from './websocket/acceptWebSocket.js';

export type { CallLogger, ConversationItem } from './engine/types.js';
export type { RecordedClientEvent } from './engine/ClientEventLog.js';
export type { IncomingSipOptions, SipCallInfo, SipState } from './sip/SipCall.js';

export type {
  EmulatedCallInfo,
  EmulatorCalls,
  EmulatorStats,
  RealtimeEmulator,
  RealtimeEmulatorOptions,
} from './realtimeEmulatorApi.js';

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
