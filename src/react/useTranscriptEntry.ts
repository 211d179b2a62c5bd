'use client';
import { useCallback } from 'react';
import { selectItem, toTranscriptEntry } from '../core/state/selectors.js';
import type { RealtimeState, TranscriptEntry } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { useSessionState } from './useSessionState.js';

/** One transcript entry by item id; re-renders only when that item changes. `undefined` once it is deleted. */
export function useTranscriptEntry(id: string, session?: RealtimeSession): TranscriptEntry | undefined {
  return useSessionState(
    useCallback(
      (state: RealtimeState) => {
        const item = selectItem(state, id);
        // toTranscriptEntry returns the same object while the item is unchanged, as useSyncExternalStore needs.
        return item === undefined ? undefined : toTranscriptEntry(item);
      },
      [id],
    ),
    session,
  );
}
