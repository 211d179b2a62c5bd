import type { ResponseCreateParams, ServerEvent } from '../core/protocol/events.js';
import type { RealtimeSessionConfig } from '../core/protocol/session.js';
import type { AskOptions } from './conversation/ask.js';
import type { SessionFeatures, SessionFeaturesOptions } from './createSessionFeatures.js';
import type { FunctionTool, ToolCallState } from './tools/types.js';
import type { RealtimeSession } from './types.js';
import { validateTools } from './tools/validateTools.js';
import { turnDetectionModeOf, type TurnDetectionMode } from './turnDetectionModeOf.js';

/** The session methods that are the features' own. */
export type FeatureMethods = Pick<
  RealtimeSession,
  | 'requestResponse'
  | 'setTurnDetection'
  | 'getTurnDetection'
  | 'startTalking'
  | 'stopTalking'
  | 'approveToolCall'
  | 'rejectToolCall'
  | 'getToolCalls'
  | 'subscribeToolCalls'
  | 'respondToMcpApproval'
  | 'ask'
  | 'addTool'
  | 'removeTool'
>;

/**
 * The one lazy boundary of a session: its conversation features (tools, response sequencing, push-to-talk, MCP
 * approvals) load together through one `import()`, only when used: at connect when the options configure tools or
 * push-to-talk (in parallel with the key and the mic, so it costs no time), otherwise on the first call that needs
 * them or the first function call the server sends. A plain voice session never loads them. `methods` are the
 * session's own methods for them; the rest is what the session calls.
 */
export function lazySessionFeatures(deps: SessionFeaturesOptions) {
  const { options, store } = deps;
  validateTools(options.tools ?? []);
  const configuredMode = turnDetectionModeOf(options.session);
  let impl: SessionFeatures | null = null;
  let loading: Promise<SessionFeatures> | null = null;
  /** Server events that arrived while the code was loading, replayed in order once it is there. */
  let backlog: ServerEvent[] | null = null;
  /** A mode chosen before the code arrived: it gates the mic at once and is handed over on load. */
  let chosenMode: TurnDetectionMode | undefined;

  function load(): Promise<SessionFeatures> {
    if (loading) return loading;
    backlog = [];
    loading = import('./createSessionFeatures.js').then(({ createSessionFeatures }) => {
      const features = createSessionFeatures(deps);
      if (chosenMode !== undefined) features.setTurnDetection(chosenMode);
      for (const event of backlog ?? []) features.onServerEvent(event);
      backlog = null;
      impl = features;
      return features;
    });
    return loading;
  }

  /** Runs `use` with the loaded features; a failure nobody awaits is dropped, as the sync methods would throw it away. */
  const withFeatures = (use: (features: SessionFeatures) => void) => {
    if (impl) use(impl);
    else
      load()
        .then(use)
        .catch(() => undefined);
  };

  const mode = (): TurnDetectionMode => impl?.turnDetection() ?? chosenMode ?? configuredMode ?? 'server_vad';
  let pressed = false;

  return {
    /** The features' code, loaded now if it was not yet. */
    load,
    /** updateSession() before connect(): the features keep it for every later connect. */
    keepUpdate(partial: Partial<RealtimeSessionConfig>): void {
      withFeatures((features) => features.keepUpdate(partial));
    },
    /** Starts loading what the options configure; connect awaits it with the key and the mic. */
    prepare(): Promise<unknown> | undefined {
      const needed =
        (options.tools?.length ?? 0) > 0 || options.onToolCall !== undefined || configuredMode === 'push_to_talk';
      return needed || loading ? load() : undefined;
    },
    connectConfig(): Partial<RealtimeSessionConfig> | undefined {
      return impl ? impl.connectConfig() : options.session;
    },
    reset(): void {
      impl?.reset();
      pressed = false;
    },
    onServerEvent: (event: ServerEvent): void => {
      if (impl) {
        impl.onServerEvent(event);
        return;
      }
      const item = (event as { item?: { type?: unknown } }).item;
      const interrupted = event.type === 'output_audio_buffer.cleared' || event.type === 'conversation.item.truncated';
      if (
        !backlog &&
        (interrupted || event.type === 'response.function_call_arguments.done' || item?.type === 'function_call')
      ) {
        load().catch(() => undefined);
      }
      backlog?.push(event);
    },
    /** A race between a request and the server's own response: nothing failed, nothing to show. */
    isBenignError: (code: string | null | undefined): boolean =>
      code === 'conversation_already_has_active_response' || code === 'response_cancel_not_active',
    micOpen: (): boolean => impl?.micOpen() ?? mode() !== 'push_to_talk',
    methods: {
      requestResponse(params?: ResponseCreateParams): void {
        withFeatures((features) => features.requestResponse(params));
      },
      getTurnDetection: mode,
      setTurnDetection(next: TurnDetectionMode): void {
        if (impl) {
          impl.setTurnDetection(next);
          return;
        }
        chosenMode = next;
        deps.applyMicGate();
        load().catch(() => undefined);
      },
      startTalking(): void {
        pressed = true;
        withFeatures((features) => {
          if (pressed) features.startTalking();
        });
      },
      stopTalking(): boolean {
        pressed = false;
        return impl?.stopTalking() ?? false;
      },
      addTool(definition: Omit<FunctionTool, 'handler'>, handler: FunctionTool['handler']): void {
        const tool = { ...definition, handler };
        validateTools([tool]);
        withFeatures((features) => features.addTool(tool));
      },
      removeTool(name: string): void {
        withFeatures((features) => features.removeTool(name));
      },
      ask: <T = string>(askOptions?: AskOptions): Promise<T> => load().then((features) => features.ask<T>(askOptions)),
      approveToolCall: (callId: string): boolean => impl?.approveToolCall(callId) ?? false,
      rejectToolCall: (callId: string, reason?: string): boolean => impl?.rejectToolCall(callId, reason) ?? false,
      getToolCalls: (): readonly ToolCallState[] => store.getState().toolCalls,
      subscribeToolCalls(listener: () => void): () => void {
        return store.subscribe((state, previous) => {
          if (state.toolCalls !== previous.toolCalls) listener();
        });
      },
      respondToMcpApproval(approvalRequestId: string, approve: boolean, reason?: string): void {
        withFeatures((features) => features.respondToMcpApproval(approvalRequestId, approve, reason));
      },
    } satisfies FeatureMethods,
  };
}

export type LazyFeatures = ReturnType<typeof lazySessionFeatures>;
