'use client';
import { useMemo, useSyncExternalStore } from 'react';
import { acquireCallMetrics, type CallMetricsHandle } from '../session/metrics/sharedCallMetrics.js';
import type { CallMetrics } from '../session/metrics/createCallMetrics.js';
import type { RealtimeSession } from '../session/types.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';

interface MetricsStore {
  subscribe: (notify: () => void) => () => void;
  get: () => CallMetrics | null;
}

/** Holds the session's shared metrics while subscribed: acquired on subscribe, released on unsubscribe. */
function createMetricsStore(session: RealtimeSession): MetricsStore {
  let held: CallMetricsHandle | null = null;
  return {
    subscribe(notify) {
      const handle = acquireCallMetrics(session);
      held = handle;
      const off = handle.subscribe(notify);
      return () => {
        off();
        handle.release();
        if (held === handle) held = null;
      };
    },
    get: () => held?.get() ?? null,
  };
}

const serverSnapshot = (): CallMetrics | null => null;

/** The session's shared metrics watcher, started while a component holds it; null until its code has loaded. */
export function useCallMetrics(sessionArg?: RealtimeSession): CallMetrics | null {
  const session = useEnsureRealtimeSession(sessionArg);
  const store = useMemo(() => createMetricsStore(session), [session]);
  return useSyncExternalStore(store.subscribe, store.get, serverSnapshot);
}
