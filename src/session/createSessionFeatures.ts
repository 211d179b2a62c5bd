import type { RealtimeError } from '../core/errors.js';
import type { ClientEvent, ResponseCreateParams, ServerEvent } from '../core/protocol/events.js';
import type { RealtimeSessionConfig, RealtimeTurnDetection } from '../core/protocol/session.js';
import { selectItem, selectResponse } from '../core/state/selectors.js';
import type { RealtimeStore } from '../core/state/store.js';
import { createAsk } from './conversation/ask.js';
import { createMessageSender } from './images/sendMessage.js';
import { finishWaitFor } from './conversation/conversationMethods.js';
import { retrieveItem } from './conversation/retrieveItem.js';
import { mergeSessionConfig } from './mergeSessionConfig.js';
import { BENIGN_RESPONSE_ERRORS, createResponseQueue } from './responseQueue.js';
import { createToolRunner } from './tools/createToolRunner.js';
import { withToolDefinitions } from './tools/toolDefinitions.js';
import { validateTools } from './tools/validateTools.js';
import type { FunctionTool, ToolCallState } from './tools/types.js';
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

  const asker = createAsk(deps.send);
  const queue = createResponseQueue({ getState: store.getState, subscribe: store.subscribe, send: deps.send });
  const codec = options.environment?.imageCodec;
  const messages = createMessageSender({
    store,
    send: deps.send,
    requestResponse: () => queue.request(),
    // The canvas code loads with the first image, not with the features.
    codec: () => (codec ? Promise.resolve(codec) : import('./images/browserCodec.js').then((m) => m.browserCodec)),
  });
  // Live: addTool/removeTool change it, the runner reads it on each call, connect declares what it holds.
  const registry = new Map(tools.map((tool) => [tool.name, tool]));
  const declaredTools = () => withToolDefinitions(options.session, [...registry.values()]);
  const runnerOptions: Parameters<typeof createToolRunner>[0] = {
    tools: registry,
    send: deps.send,
    requestResponse: () => queue.request(),
    onError: deps.onToolError,
  };
  if (options.onToolCall) runnerOptions.onToolCall = options.onToolCall;
  if (options.toolTimeoutMs !== undefined) runnerOptions.timeoutMs = options.toolTimeoutMs;
  // A call the app's server created (callUrl) may have tools on its sideband: those are the server's to answer.
  if (options.callUrl) runnerOptions.leaveUnknownTools = true;
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
  let kept: Partial<RealtimeSessionConfig> | undefined;
  // The user's own VAD settings by kind (options first, then what the server confirmed), so a switch back keeps them.
  const vadSettings = new Map<string, RealtimeTurnDetection>();
  const rememberVad = (value: RealtimeTurnDetection | null | undefined) => {
    if (value) vadSettings.set(value.type, value);
  };
  rememberVad(options.session?.audio?.input?.turn_detection);

  /**
   * After an interruption the server keeps only what was played: re-reading the cut reply tells the reducer
   * which part was heard (`entry.heard`).
   */
  function rereadCut(responseId: string | null | undefined, itemId?: string): void {
    const state = store.getState();
    const ids = itemId !== undefined ? [itemId] : responseId ? (selectResponse(state, responseId)?.itemIds ?? []) : [];
    for (const id of ids) {
      const item = selectItem(state, id);
      if (item?.kind !== 'message' || item.role !== 'assistant' || !item.audio || item.text === '') continue;
      try {
        deps.send({ type: 'conversation.item.retrieve', item_id: id });
      } catch {
        // The call ended meanwhile: nothing to re-read.
      }
    }
  }

  function sendTools(): void {
    if (!connected()) return;
    deps.send({ type: 'session.update', session: { type: 'realtime', tools: declaredTools()?.tools ?? [] } });
  }

  function setTurnDetection(next: TurnDetectionMode): void {
    if (next !== 'push_to_talk') talking = false;
    mode = next;
    // What the server confirmed before this code loaded counts too.
    rememberVad(store.getState().session?.audio?.input?.turn_detection);
    if (!connected()) {
      chosenMode = next;
      deps.applyMicGate();
      return;
    }
    deps.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        ...withTurnDetection(undefined, next, vadSettings.get(next)),
      } as RealtimeSessionConfig,
    });
    deps.applyMicGate();
  }

  return {
    /** The config sent with `session.update` on connect: the caller's, plus tools and a chosen turn mode. */
    connectConfig(): Partial<RealtimeSessionConfig> | undefined {
      let config = kept ? mergeSessionConfig(declaredTools(), kept) : declaredTools();
      if (chosenMode !== undefined && chosenMode !== configuredMode)
        config = withTurnDetection(config, chosenMode, vadSettings.get(chosenMode));
      return config;
    },
    /** A fresh conversation (each connect) or the end of one (disconnect). */
    reset: (): void => {
      runner.reset();
      queue.clear();
      asker.reset();
      messages.reset();
      talking = false;
      answeredApprovals.clear();
      mode = chosenMode ?? configuredMode ?? 'server_vad';
    },
    onServerEvent(event: ServerEvent): void {
      if (event.type === 'session.updated')
        rememberVad(event.session.type === 'realtime' ? event.session.audio?.input?.turn_detection : undefined);
      queue.onServerEvent(event);
      asker.onServerEvent(event);
      if (event.type === 'output_audio_buffer.cleared') rereadCut(event.response_id);
      else if (event.type === 'conversation.item.truncated') rereadCut(null, event.item_id);
      runner.onServerEvent(event as unknown as { type: string });
    },
    toolNames: (): { has(name: string): boolean } => registry,
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
    /** updateSession() while not connected: merged into every later connect's config. */
    keepUpdate(partial: Partial<RealtimeSessionConfig>): void {
      kept = mergeSessionConfig(kept, partial);
    },
    ask: asker.ask,
    sendMessage: messages.sendMessage,
    retrieveItem,
    finishWaitFor,
    /** Adds or replaces a function tool; a live call is told at once (`session.update` with the full tool list). */
    addTool(tool: FunctionTool): void {
      validateTools([tool]);
      registry.set(tool.name, tool);
      sendTools();
    },
    removeTool(name: string): boolean {
      if (!registry.delete(name)) return false;
      sendTools();
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
