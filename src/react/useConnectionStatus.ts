'use client';
import type { ConnectionStatus, RealtimeState } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { useSessionState } from './useSessionState.js';

const selectStatus = (state: RealtimeState): ConnectionStatus => state.status;

/** `'idle' | 'connecting' | 'connected' | 'reconnecting' | 'closed' | 'failed'` */
export function useConnectionStatus(session?: RealtimeSession): ConnectionStatus {
  return useSessionState(selectStatus, session);
}
