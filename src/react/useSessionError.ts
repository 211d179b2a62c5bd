'use client';
import { useCallback } from 'react';
import type { ErrorInfo, RealtimeState } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';
import { useSessionState } from './useSessionState.js';

const selectLastError = (state: RealtimeState): ErrorInfo | null => state.lastError;

export interface SessionErrorControls {
  /** The last error from the server or the client, or null. */
  error: ErrorInfo | null;
  /** Forget the error (the banner goes away). */
  clear: () => void;
  /** Clear the error and connect again. Call from a user gesture. */
  retry: () => void;
}

export function useSessionError(sessionArg?: RealtimeSession): SessionErrorControls {
  const session = useEnsureRealtimeSession(sessionArg);
  const error = useSessionState(selectLastError, session);
  const clear = useCallback(() => session.store.apply({ type: 'clear_error' }), [session]);
  const retry = useCallback(() => {
    session.store.apply({ type: 'clear_error' });
    // The failure lands in the store and on session.on('error'); nothing to do with the rejection here.
    session.connect().catch(() => undefined);
  }, [session]);
  return { error, clear, retry };
}
