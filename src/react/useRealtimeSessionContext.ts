'use client';
import { useContext } from 'react';
import type { RealtimeSession } from '../session/types.js';
import { RealtimeSessionContext } from './context.js';

/** The session of the nearest `<RealtimeSessionProvider>`, or null when there is none. */
export function useMaybeRealtimeSession(): RealtimeSession | null {
  return useContext(RealtimeSessionContext);
}

/** The session of the nearest `<RealtimeSessionProvider>`; throws when there is none. */
export function useRealtimeSessionContext(): RealtimeSession {
  const session = useContext(RealtimeSessionContext);
  if (session === null) {
    throw new Error(
      'No talkwire session found: wrap your component in <RealtimeSessionProvider> or pass a `session` prop.',
    );
  }
  return session;
}

/** `session` when given, otherwise the provider's session (throws when neither exists). */
export function useEnsureRealtimeSession(session?: RealtimeSession): RealtimeSession {
  const fromContext = useContext(RealtimeSessionContext);
  const resolved = session ?? fromContext;
  if (resolved === null) {
    throw new Error(
      'No talkwire session found: wrap your component in <RealtimeSessionProvider> or pass a `session` prop.',
    );
  }
  return resolved;
}
