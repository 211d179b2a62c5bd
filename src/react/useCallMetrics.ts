'use client';
import { useEffect, useState } from 'react';
import { acquireCallMetrics } from '../session/metrics/sharedCallMetrics.js';
import type { CallMetrics } from '../session/metrics/createCallMetrics.js';
import type { RealtimeSession } from '../session/types.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';

/** The session's shared metrics watcher, started while a component holds it; null until its code has loaded. */
export function useCallMetrics(sessionArg?: RealtimeSession): CallMetrics | null {
  const session = useEnsureRealtimeSession(sessionArg);
  const [metrics, setMetrics] = useState<CallMetrics | null>(null);
  useEffect(() => {
    const handle = acquireCallMetrics(session);
    setMetrics(handle.get());
    const off = handle.subscribe(() => setMetrics(handle.get()));
    return () => {
      off();
      handle.release();
      setMetrics(null);
    };
  }, [session]);
  return metrics;
}
