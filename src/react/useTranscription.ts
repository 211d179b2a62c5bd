'use client';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { selectCaptions } from '../core/captions/reduceCaptions.js';
import type { CaptionEntry, CaptionsState } from '../core/captions/types.js';
import type { ConnectionStatus, ErrorInfo } from '../core/state/types.js';
import {
  createTranscriptionSession,
  type TranscriptionSession,
  type TranscriptionSessionOptions,
} from '../session/createTranscriptionSession.js';
import { useOwnedSession, useStatusAndError } from './useOwnedSession.js';

export interface TranscriptionControls {
  session: TranscriptionSession;
  status: ConnectionStatus;
  /** Caption entries in speech order. */
  captions: readonly CaptionEntry[];
  /** The speaker is talking now (server VAD). */
  speaking: boolean;
  error: ErrorInfo | null;
  /** Connects (from a user gesture: it opens the microphone). Never rejects; failures land in `error`. */
  start: () => void;
  stop: () => void;
}

/** The captions of a session, re-rendering on each change. */
export function useCaptions(session: TranscriptionSession): CaptionsState {
  const subscribe = useCallback((listener: () => void) => session.subscribeCaptions(listener), [session]);
  const getCaptions = useCallback(() => session.getCaptions(), [session]);
  return useSyncExternalStore(subscribe, getCaptions, getCaptions);
}

/**
 * Live captions for this component: a transcription session made once from `options` (or the one given),
 * disconnected on unmount. Nothing opens until `start()`.
 */
export function useTranscription(options?: TranscriptionSessionOptions | TranscriptionSession): TranscriptionControls {
  const given = options !== undefined && 'getCaptions' in options ? options : null;
  const create = () => createTranscriptionSession((options as TranscriptionSessionOptions | undefined) ?? {});
  const session = useOwnedSession(given, create);

  const state = useCaptions(session);
  const { status, error } = useStatusAndError(session);
  const start = useCallback(() => void session.connect().catch(() => undefined), [session]);
  const stop = useCallback(() => void session.disconnect().catch(() => undefined), [session]);
  const captions = useMemoCaptions(state);
  return { session, status, captions, speaking: state.speaking, error, start, stop };
}

/** One array per captions state, so consumers can compare it. */
function useMemoCaptions(state: CaptionsState): readonly CaptionEntry[] {
  return useMemo(() => selectCaptions(state), [state]);
}
