import { normalizeServerEvent } from '../protocol/normalizeServerEvent.js';
import { applyServerEvent } from './applyServerEvent.js';
import type { RealtimeState } from './types.js';

/**
 * The state after one server event. Pure: no I/O, clock or randomness. Accepts GA or beta names, as a decoded
 * object (use `parseServerEvent` for raw strings). Unknown or malformed events return `state` itself; it never
 * throws, and items the event does not touch keep their identity.
 */
export function reduceServerEvent(state: RealtimeState, event: unknown): RealtimeState {
  const normalized = normalizeServerEvent(event);
  if (normalized === null) return state;
  try {
    return applyServerEvent(state, normalized);
  } catch {
    // The body validates every field it reads; this only guards against input nobody foresaw
    // (for example getters on a hand-made object). The state before the event is still consistent.
    return state;
  }
}
