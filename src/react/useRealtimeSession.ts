'use client';
import { useContext, useEffect, useState } from 'react';
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
  // Decided once so hooks stay in the same order and the answer cannot flip between renders.
  const [useProvider] = useState(() => options === undefined && fromContext !== null);
  // Lazy state initialisation keeps one session per component; StrictMode may call the initialiser twice and
  // keeps one result, which is harmless because creating a session opens nothing: no fetch, no microphone, no
  // peer connection until connect().
  const [owned] = useState(() => (useProvider ? null : createRealtimeSession(options ?? {})));

  useEffect(() => {
    const session = owned;
    if (session === null) return;
    return () => {
      // StrictMode runs this once on its simulated unmount, when nothing can be connected yet.
      void session.disconnect().catch(() => undefined);
    };
  }, [owned]);

  return useProvider ? (fromContext as RealtimeSession) : (owned as RealtimeSession);
}
