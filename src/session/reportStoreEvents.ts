import type { RealtimeStore } from '../core/state/store.js';
import type { Emitter } from '../transport/createEmitter.js';
import type { SessionEventMap } from './types.js';

/**
 * Turns store changes into the session's `status` and `tool_call` events. `resetting` is true while a new connect
 * resets the store, so listeners see closed -> connecting, not a passing idle.
 */
export function reportStoreEvents(
  store: RealtimeStore,
  emitter: Emitter<SessionEventMap>,
  resetting: () => boolean,
): void {
  // Each change replaces that call's state object, so an object not seen before is a change to report.
  const reportedCalls = new WeakSet<object>();
  store.subscribe((state, previous) => {
    if (!resetting() && state.status !== previous.status) emitter.emit('status', state.status);
    if (state.toolCalls === previous.toolCalls) return;
    for (const call of state.toolCalls) {
      if (reportedCalls.has(call)) continue;
      reportedCalls.add(call);
      emitter.emit('tool_call', call);
    }
  });
}
