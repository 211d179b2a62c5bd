'use client';
import type { RealtimeState, UsageTotals } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { useSessionState } from './useSessionState.js';

const selectUsage = (state: RealtimeState): UsageTotals => state.usage;

/** Token totals over every `response.done` of the conversation (re-renders once per finished response). */
export function useUsage(session?: RealtimeSession): UsageTotals {
  return useSessionState(selectUsage, session);
}
