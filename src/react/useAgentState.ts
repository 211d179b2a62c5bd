'use client';
import type { AgentState, RealtimeState } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { useSessionState } from './useSessionState.js';

const selectAgentState = (state: RealtimeState): AgentState => state.agentState;

/** `'idle' | 'listening' | 'thinking' | 'speaking'` */
export function useAgentState(session?: RealtimeSession): AgentState {
  return useSessionState(selectAgentState, session);
}
