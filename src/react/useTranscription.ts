'use client';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { selectCaptions } from '../core/captions/reduceCaptions.js';
import type { CaptionEntry, CaptionsState } from '../core/captions/types.js';
import type { ConnectionStatus, ErrorInfo } from '../core/state/types.js';
import {
  createTranscriptionSession,
  type TranscriptionSession,
  type TranscriptionSessionOptions,
} from '../session/createTranscriptionSession.js';

export interface TranscriptionControls {
  session: TranscriptionSession;
  status: ConnectionStatus;
  /** Caption entries in speech order. */
  captions: readonly CaptionEntry[];
  /** The speaker is talking now (server VAD). */
  speaking: boolean;
  error: ErrorInfo | null;
  /** Connects (from a user gesture: it opens the microphone). Never rejects; failures land in `error`. */
  start(): void;
  stop(): void;
}

/** The captions of a session, re-rendering on each change. */
export function useCaptions(session: TranscriptionSession): CaptionsState {
  return useSyncExternalStore(session.subscribeCaptions, session.getCaptions, session.getCaptions);
}

const selectStatus = (state: { status: ConnectionStatus }) => state.status;
const selectError = (state: { lastError: ErrorInfo | null }) => state.lastError;

/**
 * Live captions for this component: a transcription session made once from `options` (or the one given),
 * disconnected on unmount. Nothing opens until `start()`.
 */
export function useTranscription(options?: TranscriptionSessionOptions | TranscriptionSession): TranscriptionControls {
  const owned = useRef<TranscriptionSession | null>(null);
  const given = options !== undefined && 'getCaptions' in options ? options : null;
  if (given === null && owned.current === null)
    owned.current = createTranscriptionSession((options as TranscriptionSessionOptions | undefined) ?? {});
  const session = given ?? (owned.current as TranscriptionSession);

  useEffect(() => {
    const mine = owned.current;
    if (mine === null) return;
    return () => void mine.disconnect().catch(() => undefined);
  }, []);

  const state = useCaptions(session);
  const status = useStore(session.store, selectStatus);
  const error = useStore(session.store, selectError);
  const start = useCallback(() => void session.connect().catch(() => undefined), [session]);
  const stop = useCallback(() => void session.disconnect().catch(() => undefined), [session]);
  const captions = useMemoCaptions(state);
  return { session, status, captions, speaking: state.speaking, error, start, stop };
}

/** One array per captions state, so consumers can compare it. */
function useMemoCaptions(state: CaptionsState): readonly CaptionEntry[] {
  const cache = useRef<{ state: CaptionsState; list: readonly CaptionEntry[] } | null>(null);
  if (cache.current?.state !== state) cache.current = { state, list: selectCaptions(state) };
  return cache.current.list;
}
