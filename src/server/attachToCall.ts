import { RealtimeError } from '../core/errors.js';
import type { ClientEvent } from '../core/protocol/events.js';
import type { RealtimeSessionConfig } from '../core/protocol/session.js';
import { createRealtimeStore, type RealtimeStore } from '../core/state/store.js';
import { createToolRunner } from '../session/tools/createToolRunner.js';
import { toolDefinitions } from '../session/tools/toolDefinitions.js';
import type { FunctionTool, ToolCallState } from '../session/tools/types.js';
import { validateTools } from '../session/tools/validateTools.js';
import {
  createWebSocketTransport,
  type WebSocketConstructor,
} from '../transport/websocket/createWebSocketTransport.js';
import { hangupCall } from './callControl.js';
import { registerSideband } from './callRegistry.js';
import { CallControlError } from './CallControlError.js';
import { DEFAULT_API_BASE_URL, defaultApiKey } from './mintClientSecret.js';
import { redactSecrets } from './redactSecrets.js';

type Event = { type: string; [key: string]: unknown };

export interface AttachOptions {
  /**
   * Tools that run here, on the server: their handlers and secrets stay here. OpenAI also sends their definitions,
   * calls and outputs to the browser's data channel; a `callUrl` page screens them out of its state and events.
   */
  tools?: readonly FunctionTool[];
  /** Sent with the first `session.update` (and changeable later with `updateInstructions`). */
  instructions?: string;
  /** More session config for the first `session.update` (`type: 'realtime'` is added). */
  session?: Partial<RealtimeSessionConfig>;
  /** Every server event the sideband receives (the call's events, without audio deltas). */
  onEvent?: (event: Event) => void;
  /** The sideband ended, with why: `call_ended` (hung up, or the call stopped answering) or another failure. */
  onEnd?: (error: RealtimeError) => void;
  /** Standard API key. Default `process.env.OPENAI_API_KEY`. */
  apiKey?: string | undefined;
  /** Default `https://api.openai.com/v1`. */
  apiBaseUrl?: string;
  /** Default `globalThis.WebSocket` (Node 22); in Node 20 pass the `ws` package's class. */
  WebSocket?: WebSocketConstructor;
  /**
   * Liveness: OpenAI may leave a sideband open after the browser hung up (openai-agents-js#684), so every this many
   * ms an unchanged `session.update` is sent, and no `session.updated` within `livenessTimeoutMs` ends the
   * sideband as `call_ended`. Default 15 000; `false` turns the probe off.
   */
  livenessIntervalMs?: number | false;
  /** Default 5 000 ms. */
  livenessTimeoutMs?: number;
  /** Time to open the socket and get the first `session.updated`. Default 10 000 ms. */
  connectTimeoutMs?: number;
  /** How long a tool handler may take, unless the tool sets `timeoutMs`. Default 30 000 ms. */
  toolTimeoutMs?: number;
}

/** A server-side session on a running call (WebRTC or SIP), built on the same store, reducer and tool runner. */
export interface CallSession {
  readonly callId: string;
  readonly store: RealtimeStore;
  /** Resolves once the sideband has ended, with why (`call_ended` when the call is over). */
  readonly ended: Promise<RealtimeError>;
  send(event: ClientEvent): void;
  updateSession(partial: Partial<RealtimeSessionConfig>): void;
  updateInstructions(instructions: string): void;
  getToolCalls(): readonly ToolCallState[];
  /** Ends the call for everyone (`POST /calls/{id}/hangup`), then the sideband. */
  hangup(): Promise<void>;
  /** Leaves the call running and closes only the sideband. */
  close(): void;
}

const DEFAULT_LIVENESS_INTERVAL_MS = 15_000;
const DEFAULT_LIVENESS_TIMEOUT_MS = 5_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
const CALL_ID = /^[A-Za-z0-9_-]{1,200}$/;

function sidebandUrl(apiBaseUrl: string, callId: string): string {
  const url = new URL(`${apiBaseUrl.replace(/\/+$/, '')}/realtime`);
  url.protocol = url.protocol === 'http:' ? 'ws:' : url.protocol === 'https:' ? 'wss:' : url.protocol;
  url.searchParams.set('call_id', callId);
  return url.toString();
}

/**
 * Attaches to a running call with the server key over `wss://…/v1/realtime?call_id=…`: sends the tools and
 * instructions in a `session.update`, waits for `session.updated`, then runs the model's calls to those tools here
 * and sends their outputs back. Rejects with `CallControlError` (`missing_api_key`, `invalid_request`) or the
 * transport's `RealtimeError`, the key redacted.
 */
export async function attachToCall(callId: string, options: AttachOptions = {}): Promise<CallSession> {
  if (typeof callId !== 'string' || !CALL_ID.test(callId)) {
    throw new CallControlError(
      'invalid_request',
      'attachToCall: the call id must be an OpenAI call id such as "rtc_..." (letters, digits, _ and -).',
    );
  }
  const apiKey = 'apiKey' in options ? options.apiKey : defaultApiKey();
  if (!apiKey)
    throw new CallControlError(
      'missing_api_key',
      'No OpenAI API key on the server: set OPENAI_API_KEY (or pass apiKey) where calls are attached to.',
    );
  const tools = options.tools ?? [];
  validateTools(tools);
  const apiBaseUrl = options.apiBaseUrl ?? DEFAULT_API_BASE_URL;
  const store = createRealtimeStore();
  const transport = createWebSocketTransport({
    relayUrl: sidebandUrl(apiBaseUrl, callId),
    auth: 'header',
    ...(options.WebSocket ? { WebSocket: options.WebSocket } : {}),
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
  });
  let endedWith: RealtimeError | null = null;
  let resolveEnded!: (error: RealtimeError) => void;
  const ended = new Promise<RealtimeError>((resolve) => (resolveEnded = resolve));
  const sendEvent = (event: ClientEvent) => {
    store.logClientEvent(event);
    transport.send(event);
  };
  const runner = createToolRunner({
    tools,
    send: sendEvent,
    requestResponse: () => sendEvent({ type: 'response.create' }),
    ...(options.toolTimeoutMs === undefined ? {} : { timeoutMs: options.toolTimeoutMs }),
  });
  let probe: ReturnType<typeof setInterval> | undefined;
  let probeDeadline: ReturnType<typeof setTimeout> | undefined;
  let updatedWaiter: (() => void) | null = null;

  function end(error: RealtimeError): void {
    if (endedWith) return;
    endedWith = error;
    clearInterval(probe);
    clearTimeout(probeDeadline);
    runner.reset();
    transport.close();
    store.apply({ type: 'status', status: 'closed' });
    options.onEnd?.(error);
    resolveEnded(error);
  }

  transport.on('message', (raw) => {
    const parsed = store.receive(raw);
    if (!parsed.ok) return;
    const event = parsed.event as unknown as Event;
    if (event.type === 'session.updated') {
      clearTimeout(probeDeadline);
      probeDeadline = undefined;
      updatedWaiter?.();
    }
    runner.onServerEvent(event);
    options.onEvent?.(event);
  });
  // A clean close is how a call's end reaches a sideband (and how the emulator says it); anything else is a failure.
  transport.on('close', (error) => end(error.code === 'data_channel_closed' ? callEnded() : error));

  const signal = AbortSignal.timeout(options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
  try {
    await transport.connect(apiKey, signal);
  } catch (error) {
    transport.close();
    if (error instanceof RealtimeError) throw new RealtimeError(error.code, redactSecrets(error.message, apiKey));
    throw error;
  }
  store.apply({ type: 'call', callId });
  // The sideband gets no session.created: the first session.update's answer says it is attached.
  let firstTimer: ReturnType<typeof setTimeout> | undefined;
  const first = new Promise<void>((resolve, reject) => {
    updatedWaiter = resolve;
    const ms = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
    firstTimer = setTimeout(
      () =>
        reject(
          new RealtimeError(
            'connect_timeout',
            `The call ${callId} did not confirm the sideband's session.update within ${ms} ms; is the call still up?`,
          ),
        ),
      ms,
    );
    void ended.then(reject);
  });
  const initial: Record<string, unknown> = { ...options.session, type: 'realtime' };
  if (options.instructions !== undefined) initial.instructions = options.instructions;
  if (tools.length > 0) initial.tools = toolDefinitions(tools);
  sendEvent({ type: 'session.update', session: initial } as unknown as ClientEvent);
  try {
    await first;
  } catch (error) {
    end(error as RealtimeError);
    throw error;
  } finally {
    clearTimeout(firstTimer);
    updatedWaiter = null;
  }
  store.apply({ type: 'status', status: 'connected' });
  // hangupCall anywhere in this process ends this sideband at once, whether or not OpenAI closes the socket.
  const unregister = registerSideband(callId, (detail) => end(callEnded(detail)));
  void ended.then(unregister);

  const interval = options.livenessIntervalMs ?? DEFAULT_LIVENESS_INTERVAL_MS;
  if (interval !== false) {
    const timeout = options.livenessTimeoutMs ?? DEFAULT_LIVENESS_TIMEOUT_MS;
    probe = setInterval(() => {
      if (endedWith || probeDeadline) return;
      try {
        transport.send({ type: 'session.update', session: { type: 'realtime' } });
      } catch {
        return end(callEnded());
      }
      probeDeadline = setTimeout(() => end(callEnded(`no answer to a liveness probe within ${timeout} ms`)), timeout);
      (probeDeadline as { unref?: () => void }).unref?.();
    }, interval);
    (probe as { unref?: () => void }).unref?.();
  }
  return {
    callId,
    store,
    ended,
    send: sendEvent,
    updateSession: (partial) => sendEvent({ type: 'session.update', session: { ...partial, type: 'realtime' } }),
    updateInstructions: (instructions) =>
      sendEvent({ type: 'session.update', session: { type: 'realtime', instructions } }),
    getToolCalls: () => runner.getCalls(),
    async hangup() {
      try {
        await hangupCall(callId, { apiKey, apiBaseUrl });
      } finally {
        end(callEnded('hung up by the server'));
      }
    },
    close: () => end(new RealtimeError('aborted', 'The sideband was closed by the server; the call goes on.')),
  };
}

function callEnded(detail = 'the call was hung up'): RealtimeError {
  return new RealtimeError('call_ended', `The call ended (${detail}).`);
}
