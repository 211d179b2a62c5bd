import type { RealtimeError } from '../core/errors.js';
import type { ClientEvent, ResponseCreateParams, ServerEvent } from '../core/protocol/events.js';
import type { RealtimeSessionConfig } from '../core/protocol/session.js';
import type { RealtimeStore } from '../core/state/store.js';
import { BENIGN_RESPONSE_ERRORS, createResponseQueue } from './responseQueue.js';
import { createToolRunner } from './tools/createToolRunner.js';
import { withToolDefinitions } from './tools/toolDefinitions.js';
import { validateTools } from './tools/validateTools.js';
import type { ToolCallState } from './tools/types.js';
import { turnDetectionModeOf, withTurnDetection, type TurnDetectionMode } from './turnDetection.js';
import type { RealtimeSessionOptions } from './types.js';

/** A push-to-talk press shorter than this is a slip: its audio is dropped instead of committed. */
export const MIN_PUSH_TO_TALK_MS = 150;

export interface SessionFeaturesOptions {
  options: RealtimeSessionOptions;
  store: RealtimeStore;
  /** Sends on the open call; throws `not_connected` otherwise. */
  send: (event: ClientEvent) => void;
  interrupt: () => void;
  /** Re-applies the mic track's enabled state (mute and the push-to-talk gate). */
  applyMicGate: () => void;
  onToolError: (error: RealtimeError, call: ToolCallState) => void;
  now?: () => number;
}

export type SessionFeatures = ReturnType<typeof createSessionFeatures>;

/**
 * The conversation features layered on a session: function tools, response sequencing, push-to-talk and MCP
 * approvals. Kept apart from the connection code and loaded on first use (see `lazySessionFeatures`); the
 * session feeds it server events and calls its methods. Tool-call state goes into the store.
 */
export function createSessionFeatures(deps: SessionFeaturesOptions) {
  const { options, store } = deps;
  const now = deps.now ?? (() => Date.now());
  const tools = options.tools ?? [];
  validateTools(tools);

  const queue = createResponseQueue({ getState: store.getState, subscribe: store.subscribe, send: deps.send });
  const runnerOptions: Parameters<typeof createToolRunner>[0] = {
    tools,
    send: deps.send,
    requestResponse: () => queue.request(),
    onError: deps.onToolError,
  };
  if (options.onToolCall) runnerOptions.onToolCall = options.onToolCall;
  if (options.toolTimeoutMs !== undefined) runnerOptions.timeoutMs = options.toolTimeoutMs;
  const runner = createToolRunner(runnerOptions);
  // The calls' states live in the store, so the UI reads one source of truth with selectors.
  runner.subscribe(() => store.apply({ type: 'tool_calls', calls: runner.getCalls() }));

  const configuredMode = turnDetectionModeOf(options.session);
  /** Set by `setTurnDetection` before a connect: sent with the connect's `session.update`. */
  let chosenMode: TurnDetectionMode | undefined;
  let mode: TurnDetectionMode = configuredMode ?? 'server_vad';
  let talking = false;
  let pressedAt = 0;
  const answeredApprovals = new Set<string>();

  const connected = () => store.getState().status === 'connected';

  function setTurnDetection(next: TurnDetectionMode): void {
    if (next !== 'push_to_talk') talking = false;
    mode = next;
    if (!connected()) {
      chosenMode = next;
      deps.applyMicGate();
      return;
    }
    deps.send({
      type: 'session.update',
      session: { type: 'realtime', ...withTurnDetection(undefined, next) } as RealtimeSessionConfig,
    });
    deps.applyMicGate();
  }

  return {
    /** The config sent with `session.update` on connect: the caller's, plus tools and a chosen turn mode. */
    connectConfig: (): Partial<RealtimeSessionConfig> | undefined => {
      let config = withToolDefinitions(options.session, tools);
      if (chosenMode !== undefined && chosenMode !== configuredMode) config = withTurnDetection(config, chosenMode);
      return config;
    },
    /** A fresh conversation (each connect) or the end of one (disconnect). */
    reset: (): void => {
      runner.reset();
      queue.clear();
      talking = false;
      answeredApprovals.clear();
      mode = chosenMode ?? configuredMode ?? 'server_vad';
    },
    onServerEvent: (event: ServerEvent): void => {
      queue.onServerEvent(event);
      runner.onServerEvent(event as unknown as { type: string });
    },
    /** A race between our request and the server's own response: nothing failed, nothing to show. */
    isBenignError: (code: string | null | undefined): boolean => {
      return typeof code === 'string' && BENIGN_RESPONSE_ERRORS.has(code);
    },
    requestResponse: (params?: ResponseCreateParams): void => {
      queue.request(params);
    },
    /** Whether the mic may send: always, except in push-to-talk while the key is up. */
    micOpen: (): boolean => {
      return mode !== 'push_to_talk' || talking;
    },
    turnDetection: () => mode,
    setTurnDetection,
    isTalking: () => talking,
    startTalking: (): void => {
      if (!connected() || talking) return;
      if (mode !== 'push_to_talk') setTurnDetection('push_to_talk');
      const state = store.getState();
      if (state.activeResponseId !== null || state.speakingResponseId !== null) deps.interrupt();
      // Whatever reached the buffer while the key was up is not part of this turn.
      deps.send({ type: 'input_audio_buffer.clear' });
      talking = true;
      pressedAt = now();
      deps.applyMicGate();
    },
    /** Ends the turn: commit and ask for an answer. Returns false when the press was too short to count. */
    stopTalking: (): boolean => {
      if (!talking) return false;
      talking = false;
      deps.applyMicGate();
      if (!connected()) return false;
      if (now() - pressedAt < MIN_PUSH_TO_TALK_MS) {
        deps.send({ type: 'input_audio_buffer.clear' });
        return false;
      }
      deps.send({ type: 'input_audio_buffer.commit' });
      queue.request();
      return true;
    },
    approveToolCall: (callId: string) => runner.approve(callId),
    rejectToolCall: (callId: string, reason?: string) => runner.reject(callId, reason),
    respondToMcpApproval: (approvalRequestId: string, approve: boolean, reason?: string): void => {
      if (answeredApprovals.has(approvalRequestId)) return;
      const item: Record<string, unknown> = {
        type: 'mcp_approval_response',
        approval_request_id: approvalRequestId,
        approve,
      };
      if (reason !== undefined) item.reason = reason;
      deps.send({ type: 'conversation.item.create', item: item as never });
      answeredApprovals.add(approvalRequestId);
      queue.request();
    },
    dispose: (): void => {
      runner.reset();
      queue.dispose();
    },
  };
}
