'use client';
import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { TranslationState } from '../core/captions/types.js';
import type { ConnectionStatus, ErrorInfo } from '../core/state/types.js';
import {
  createTranslationSession,
  type TranslationSession,
  type TranslationSessionOptions,
} from '../session/createTranslationSession.js';

export interface TranslationControls {
  session: TranslationSession;
  status: ConnectionStatus;
  /** Source and target captions, the confirmed output language, and whether the session closed. */
  translation: TranslationState;
  error: ErrorInfo | null;
  /** Connects (from a user gesture). Never rejects; failures land in `error`. */
  start: () => void;
  /** `session.close`: lets the server finish the translation, then disconnects. */
  stop: () => void;
  setOutputLanguage: (language: string) => void;
}

/** The captions of a translation session, re-rendering on each change. */
export function useTranslationState(session: TranslationSession): TranslationState {
  const subscribe = useCallback((listener: () => void) => session.subscribeTranslation(listener), [session]);
  const getTranslation = useCallback(() => session.getTranslation(), [session]);
  return useSyncExternalStore(subscribe, getTranslation, getTranslation);
}

const selectStatus = (state: { status: ConnectionStatus }) => state.status;
const selectError = (state: { lastError: ErrorInfo | null }) => state.lastError;

/** A translation session for this component (made once from `options`, or the one given), disconnected on unmount. */
export function useTranslation(options?: TranslationSessionOptions | TranslationSession): TranslationControls {
  const given = options !== undefined && 'getTranslation' in options ? options : null;
  const create = () => createTranslationSession((options as TranslationSessionOptions | undefined) ?? {});
  const [owned, setOwned] = useState(() => (given === null ? create() : null));
  let session = given ?? owned;
  if (session === null) {
    // A session was given at first and no longer is: make ours now (React re-renders at once with it).
    session = create();
    setOwned(session);
  }
  useEffect(() => {
    if (owned === null) return;
    return () => void owned.disconnect().catch(() => undefined);
  }, [owned]);
  const translation = useTranslationState(session);
  const status = useStore(session.store, selectStatus);
  const error = useStore(session.store, selectError);
  const start = useCallback(() => void session.connect().catch(() => undefined), [session]);
  const stop = useCallback(() => void session.close().catch(() => undefined), [session]);
  const setOutputLanguage = useCallback((language: string) => session.setOutputLanguage(language), [session]);
  return { session, status, translation, error, start, stop, setOutputLanguage };
}
