'use client';
import { useContext, useEffect, useRef } from 'react';
import { createRealtimeSession } from '../session/createRealtimeSession.js';
import type { RealtimeSession, RealtimeSessionOptions } from '../session/types.js';
import { RealtimeSessionContext } from './context.js';

/**
 * The session for this component.
 *
 * - Inside a `<RealtimeSessionProvider>` and called without options: the provider's session.
 * - Otherwise: a session created from `options` on first render and kept for the component's lifetime. Later
 *   changes to `options` are not applied (call `session.updateSession()` for runtime changes). It never connects
 *   by itself: call `session.connect()` from a user gesture. It disconnects when the component unmounts.
 */
export function useRealtimeSession(options?: RealtimeSessionOptions): RealtimeSession {
  const fromContext = useContext(RealtimeSessionContext);
  const owned = useRef<RealtimeSession | null>(null);
  // Decided once so hooks stay in the same order and the answer cannot flip between renders.
  const useProvider = useRef(options === undefined && fromContext !== null).current;

  if (!useProvider && owned.current === null) {
    // Lazy ref initialisation runs once per component, also under StrictMode's double render. Creating a
    // session opens nothing: no fetch, no microphone, no peer connection until connect().
    owned.current = createRealtimeSession(options ?? {});
  }

  useEffect(() => {
    const session = owned.current;
    if (session === null) return;
    return () => {
      // StrictMode runs this once on its simulated unmount, when nothing can be connected yet.
      void session.disconnect().catch(() => undefined);
    };
  }, []);

  return useProvider ? (fromContext as RealtimeSession) : (owned.current as RealtimeSession);
}
