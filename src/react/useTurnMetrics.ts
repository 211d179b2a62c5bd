'use client';
import { useSyncExternalStore } from 'react';
import { summarizeTurnTimings, type TurnTiming, type TurnTimingSummary } from '../core/metrics/turnTimings.js';
import type { RealtimeSession } from '../session/types.js';
import { useCallMetrics } from './useCallMetrics.js';

export interface TurnMetrics {
  /** Per turn, in call order: marks and voice-to-voice, time to first text, interruption latency (ms). */
  turns: readonly TurnTiming[];
  /** p50/p95 of each figure over the call. */
  summary: TurnTimingSummary;
}

const EMPTY: TurnMetrics = { turns: [], summary: summarizeTurnTimings([]) };
const noop = () => () => undefined;

/** Per-turn latency as the user hears it. Re-renders when a turn gets a mark, never at audio rate. */
export function useTurnMetrics(session?: RealtimeSession): TurnMetrics {
  const metrics = useCallMetrics(session);
  return useSyncExternalStore(
    metrics ? metrics.store.subscribe : noop,
    () => (metrics ? metrics.store.getState() : EMPTY),
    () => EMPTY,
  );
}
