'use client';
import { selectTranscript } from '../core/state/selectors.js';
import type { TranscriptEntry } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { useSessionState } from './useSessionState.js';

/**
 * The conversation in order, as entries (`{ id, role, kind, text, status, final }`). The component re-renders on
 * every change, streaming deltas included; an entry that did not change keeps its identity, so memoised rows
 * skip. For long conversations render rows from `useTranscriptIds()` + `useTranscriptEntry(id)` instead: then a
 * delta re-renders only its own row.
 */
export function useTranscript(session?: RealtimeSession): readonly TranscriptEntry[] {
  return useSessionState(selectTranscript, session);
}
