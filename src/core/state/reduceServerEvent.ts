import { isObject, isPlain, own, type JsonObject } from '../protocol/guards.js';
import { normalizeKnown } from '../protocol/normalizeServerEvent.js';
import { applyServerEvent } from './applyServerEvent.js';
import type { RealtimeState } from './types.js';

/**
 * The state after one server event. Pure: no I/O, clock or randomness. Accepts GA or beta names, as a decoded
 * object (use `parseServerEvent` for raw strings). Unknown or malformed events return `state` itself; it never
 * throws, and items the event does not touch keep their identity.
 */
export function reduceServerEvent(state: RealtimeState, event: unknown): RealtimeState {
  try {
    const type = isObject(event) ? (isPlain(event) ? event['type'] : own(event, 'type')) : undefined;
    return typeof type === 'string' ? applyServerEvent(state, normalizeKnown(event as JsonObject, type)) : state;
  } catch {
    // The body validates every field it reads; this only guards against input nobody foresaw
    // (for example getters on a hand-made object). The state before the event is still consistent.
    return state;
  }
}
