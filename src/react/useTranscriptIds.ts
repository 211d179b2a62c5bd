'use client';
import { selectOrder } from '../core/state/selectors.js';
import type { RealtimeSession } from '../session/types.js';
import { useSessionState } from './useSessionState.js';

/**
 * Item ids of the conversation in order, for long lists. The array changes only when items are added, removed or
 * reordered, not while text streams in: render one row per id and read it with `useTranscriptEntry(id)`, so a
 * streaming delta re-renders only its own row.
 */
export function useTranscriptIds(session?: RealtimeSession): readonly string[] {
  return useSessionState(selectOrder, session);
}
