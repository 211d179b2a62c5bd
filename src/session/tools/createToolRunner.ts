import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent } from '../../core/protocol/events.js';
import { createResponseFollowUps } from './responseFollowUps.js';
import { messageOf, toToolOutput } from './toolOutput.js';
import type { FunctionTool, ToolCallContext, ToolCallDecision, ToolCallState, ToolCallStatus } from './types.js';

export { toToolOutput };

export const DEFAULT_TOOL_TIMEOUT_MS = 30_000;

export interface ToolTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface ToolRunnerOptions {
  /** The tools, or a live map by name that the session changes at run time (`addTool`/`removeTool`). */
  tools: readonly FunctionTool[] | Map<string, FunctionTool>;
  /** Sends a client event; throws when the connection is gone. */
  send(event: ClientEvent): void;
  /** Asks for the follow-up response (through the response queue). */
  requestResponse(): void;
  /** Called for each failure the model is told about (bad arguments, a throwing handler, a timeout, an unknown tool). */
  onError?(error: RealtimeError, call: ToolCallState): void;
  /** Sees every call before it runs and may decline it; awaited. */
  onToolCall?(call: ToolCallState): ToolCallDecision | Promise<ToolCallDecision>;
  /** Default per-call timeout (ms). */
  timeoutMs?: number;
  timers?: ToolTimers;
  /** Calls to tools not in `tools` are left to another connection (a server's sideband) instead of answered as errors. */
  leaveUnknownTools?: boolean;
}

export interface ToolRunner {
  /** Feed every server event; function calls are picked up from it. */
  onServerEvent(event: { type: string; [key: string]: unknown }): void;
  approve(callId: string): boolean;
  reject(callId: string, reason?: string): boolean;
  /** Every call of this conversation, in the order they arrived. Replaced (not mutated) on change. */
  getCalls(): readonly ToolCallState[];
  subscribe(listener: () => void): () => void;
  /** Aborts running handlers and forgets every call (disconnect or a new conversation). Outputs are not sent. */
  reset(): void;
}

interface Call {
  state: ToolCallState;
  controller: AbortController;
  timer: unknown;
  /** Resolves an approval wait. */
  decide: ((decision: { approve: boolean; reason?: string }) => void) | null;
  settled: boolean;
}

const defaultTimers: ToolTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Runs function tools for a session: picks up completed `function_call` items, runs the handler with the parsed
 * arguments, sends `function_call_output`, and asks for one follow-up response per model response once that
 * response is done and every call it made has its output. Failures become outputs the model can read
 * (`{"error": "..."}`), so a broken tool never stalls the conversation.
 */
export function createToolRunner(options: ToolRunnerOptions): ToolRunner {
  const byName = options.tools instanceof Map ? options.tools : new Map(options.tools.map((tool) => [tool.name, tool]));
  const timers = options.timers ?? defaultTimers;
  const calls = new Map<string, Call>();
  const followUps = createResponseFollowUps(
    (callId) => calls.get(callId)?.settled === true,
    () => options.requestResponse(),
  );
  const listeners = new Set<() => void>();
  let snapshot: readonly ToolCallState[] = [];
  let generation = 0;

  const publish = () => {
    snapshot = Array.from(calls.values(), (call) => call.state);
    for (const listener of listeners) listener();
  };

  const update = (call: Call, patch: Partial<ToolCallState>) => {
    call.state = { ...call.state, ...patch };
    publish();
  };

  const finish = (call: Call, status: ToolCallStatus, output: string, error?: string) => {
    if (call.settled) return;
    call.settled = true;
    if (call.timer !== undefined) timers.clearTimeout(call.timer);
    call.timer = undefined;
    const patch: Partial<ToolCallState> = { status, output };
    if (error !== undefined) patch.error = error;
    update(call, patch);
    try {
      options.send({
        type: 'conversation.item.create',
        item: { type: 'function_call_output', call_id: call.state.callId, output } as never,
      });
    } catch {
      // Disconnected meanwhile: the conversation is gone, nothing to answer.
      return;
    }
    if (status === 'failed' || status === 'timed_out') {
      options.onError?.(
        new RealtimeError(
          'tool_failed',
          `Tool "${call.state.name}" ${status === 'timed_out' ? 'timed out' : 'failed'}: ${error ?? ''}`.trim(),
        ),
        call.state,
      );
    }
    followUps.maybeFollowUp(call.state.responseId);
  };

  const fail = (call: Call, status: 'failed' | 'timed_out' | 'declined', message: string) =>
    finish(call, status, JSON.stringify({ error: message }), message);

  const run = async (call: Call, tool: FunctionTool, args: unknown) => {
    const mine = generation;
    update(call, { status: 'running' });
    const timeoutMs = tool.timeoutMs ?? options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
    call.timer = timers.setTimeout(() => {
      if (call.settled) return;
      call.controller.abort(new Error('timed out'));
      fail(call, 'timed_out', `The tool "${tool.name}" did not finish within ${timeoutMs} ms.`);
    }, timeoutMs);
    const context: ToolCallContext = {
      callId: call.state.callId,
      name: call.state.name,
      itemId: call.state.itemId,
      signal: call.controller.signal,
    };
    let output: string;
    try {
      output = toToolOutput(await tool.handler(args, context));
    } catch (error) {
      if (mine === generation) fail(call, 'failed', `The tool "${tool.name}" failed: ${messageOf(error)}`);
      return;
    }
    if (mine === generation) finish(call, 'completed', output);
  };

  const decide = async (call: Call, tool: FunctionTool): Promise<{ approve: boolean; reason?: string }> => {
    const mine = generation;
    let answer: ToolCallDecision;
    if (options.onToolCall) {
      try {
        answer = await options.onToolCall(call.state);
      } catch (error) {
        return { approve: false, reason: `the approval check failed (${messageOf(error)})` };
      }
    }
    if (mine !== generation) return { approve: false };
    if (answer === false) return { approve: false };
    if (isRecord(answer)) {
      const decision: { approve: boolean; reason?: string } = { approve: answer.approve === true };
      if (typeof answer.reason === 'string') decision.reason = answer.reason;
      return decision;
    }
    if (answer === true || !tool.needsApproval) return { approve: true };
    update(call, { status: 'pending_approval' });
    return new Promise((resolve) => {
      call.decide = resolve;
    });
  };

  const start = async (
    callId: string,
    itemId: string,
    name: string,
    rawArgs: string,
    responseId: string | undefined,
  ) => {
    if (options.leaveUnknownTools && !byName.has(name)) return;
    const state: ToolCallState = { callId, itemId, name, arguments: rawArgs, status: 'running' };
    if (responseId !== undefined) state.responseId = responseId;
    const call: Call = { state, controller: new AbortController(), timer: undefined, decide: null, settled: false };
    calls.set(callId, call);
    if (responseId !== undefined) followUps.addCall(responseId, callId);
    publish();

    const tool = byName.get(name);
    if (!tool) {
      fail(
        call,
        'failed',
        `There is no tool named "${name}" on this client. Available: ${[...byName.keys()].join(', ') || 'none'}.`,
      );
      return;
    }
    let args: unknown;
    try {
      args = rawArgs.trim() === '' ? {} : JSON.parse(rawArgs);
    } catch (error) {
      fail(
        call,
        'failed',
        `The arguments for "${name}" are not valid JSON (${messageOf(error)}). Call it again with a JSON object.`,
      );
      return;
    }
    const mine = generation;
    const decision = await decide(call, tool);
    if (mine !== generation || call.settled) return;
    call.decide = null;
    if (!decision.approve) {
      const why = decision.reason;
      fail(
        call,
        'declined',
        why ? `The user declined to run "${name}": ${why}` : `The user declined to run "${name}".`,
      );
      return;
    }
    await run(call, tool, args);
  };

  const pickUp = (item: unknown, responseId: unknown) => {
    if (!isRecord(item) || item.type !== 'function_call') return;
    const callId = item.call_id;
    if (typeof callId !== 'string' || calls.has(callId)) return;
    if (item.status !== undefined && item.status !== 'completed') return;
    void start(
      callId,
      typeof item.id === 'string' ? item.id : '',
      typeof item.name === 'string' ? item.name : '',
      typeof item.arguments === 'string' ? item.arguments : '',
      typeof responseId === 'string' ? responseId : undefined,
    );
  };

  return {
    onServerEvent(event) {
      switch (event.type) {
        case 'response.function_call_arguments.done': {
          const callId = event.call_id;
          if (typeof callId !== 'string' || calls.has(callId)) return;
          // `name` is on the GA event; older payloads leave it to the item.
          if (typeof event.name !== 'string') return;
          pickUp(
            { type: 'function_call', id: event.item_id, call_id: callId, name: event.name, arguments: event.arguments },
            event.response_id,
          );
          return;
        }
        case 'response.output_item.done':
          pickUp(event.item, event.response_id);
          return;
        case 'response.done': {
          const response = event.response;
          if (!isRecord(response) || typeof response.id !== 'string') return;
          if (Array.isArray(response.output)) for (const item of response.output) pickUp(item, response.id);
          followUps.responseDone(response.id, response.status === 'completed');
          return;
        }
        default:
          return;
      }
    },
    approve(callId) {
      const call = calls.get(callId);
      if (!call?.decide) return false;
      call.decide({ approve: true });
      return true;
    },
    reject(callId, reason) {
      const call = calls.get(callId);
      if (!call?.decide) return false;
      call.decide(reason === undefined ? { approve: false } : { approve: false, reason });
      return true;
    },
    getCalls: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    reset() {
      generation++;
      for (const call of calls.values()) {
        if (call.timer !== undefined) timers.clearTimeout(call.timer);
        if (!call.settled) {
          call.settled = true;
          call.controller.abort(new Error('cancelled'));
        }
        call.decide?.({ approve: false });
      }
      calls.clear();
      followUps.clear();
      if (snapshot.length > 0) publish();
    },
  };
}
