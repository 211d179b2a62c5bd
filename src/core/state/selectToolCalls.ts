import type { RealtimeState, ToolCallState } from './types.js';

const none: readonly ToolCallState[] = Object.freeze([]);
const pendingCache = new WeakMap<readonly ToolCallState[], readonly ToolCallState[]>();

/** Every function call of the conversation, in arrival order. */
export function selectToolCalls(state: RealtimeState): readonly ToolCallState[] {
  return state.toolCalls;
}

/** The calls waiting for the user's approval; the same array until the calls change, so it is a stable selector. */
export function selectPendingToolCalls(state: RealtimeState): readonly ToolCallState[] {
  const calls = state.toolCalls;
  let pending = pendingCache.get(calls);
  if (pending === undefined) {
    const waiting = calls.filter((call) => call.status === 'pending_approval');
    pending = waiting.length === 0 ? none : waiting;
    pendingCache.set(calls, pending);
  }
  return pending;
}
