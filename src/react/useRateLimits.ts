'use client';
import type { RateLimitState, RealtimeState } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { useSessionState } from './useSessionState.js';

const selectRateLimits = (state: RealtimeState): readonly RateLimitState[] => state.rateLimits;

/**
 * The rate limits the server last reported (`rate_limits.updated`, sent after each response), e.g.
 * `[{ name: 'tokens', limit, remaining, resetSeconds }]`; empty until the first. Re-renders once per update.
 */
export function useRateLimits(session?: RealtimeSession): readonly RateLimitState[] {
  return useSessionState(selectRateLimits, session);
}
