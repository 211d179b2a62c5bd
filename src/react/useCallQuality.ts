'use client';
import { useSyncExternalStore } from 'react';
import type { CallMetricsState } from '../session/metrics/createCallMetrics.js';
import type { RealtimeSession } from '../session/types.js';
import { useCallMetrics } from './useCallMetrics.js';

export type CallQuality = CallMetricsState['quality'];

const UNKNOWN: CallQuality = { sample: null, verdict: { level: 'good', reason: null } };
const noop = () => () => undefined;

/**
 * The connection's latest figures (WebRTC `getStats()` every 2 s) and a `good` / `fair` / `poor` verdict with
 * its reason. `sample` is null until the first reading.
 */
export function useCallQuality(session?: RealtimeSession): CallQuality {
  const metrics = useCallMetrics(session);
  return useSyncExternalStore(
    metrics ? metrics.store.subscribe : noop,
    () => (metrics ? metrics.store.getState().quality : UNKNOWN),
    () => UNKNOWN,
  );
}
