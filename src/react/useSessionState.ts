'use client';
import { useStore } from 'zustand';
import type { RealtimeState } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';

/**
 * Subscribes to a slice of the session's state. The component re-renders only when `selector` returns a
 * different value (`Object.is`), so return stable values: ids, primitives, or objects straight from the state.
 */
export function useSessionState<T>(selector: (state: RealtimeState) => T, session?: RealtimeSession): T {
  return useStore(useEnsureRealtimeSession(session).store, selector);
}
