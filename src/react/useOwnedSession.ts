'use client';
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { RealtimeStore } from '../core/state/store.js';
import type { ConnectionStatus, ErrorInfo, RealtimeState } from '../core/state/types.js';

interface OwnableSession {
  disconnect(): Promise<void>;
  readonly store: RealtimeStore;
}

/**
 * The session a hook works on: the one it was given, else one it makes once and disconnects on unmount (a session
 * the app gave is the app's to end). Given at first and then no longer, the hook makes its own at that render.
 */
export function useOwnedSession<S extends OwnableSession>(given: S | null, create: () => S): S {
  const [owned, setOwned] = useState(() => (given === null ? create() : null));
  let session = given ?? owned;
  if (session === null) {
    session = create();
    // React re-renders at once with it, so its unmount cleanup is in place before anything connects.
    setOwned(session);
  }
  useEffect(() => {
    if (owned === null) return;
    return () => void owned.disconnect().catch(() => undefined);
  }, [owned]);
  return session;
}

const selectStatus = (state: RealtimeState) => state.status;
const selectError = (state: RealtimeState) => state.lastError;

/** A session's connection status and last error, each re-rendering only when it changes. */
export function useStatusAndError(session: OwnableSession): { status: ConnectionStatus; error: ErrorInfo | null } {
  return { status: useStore(session.store, selectStatus), error: useStore(session.store, selectError) };
}
