'use client';
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
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
  start(): void;
  /** `session.close`: lets the server finish the translation, then disconnects. */
  stop(): void;
  setOutputLanguage(language: string): void;
}

/** The captions of a translation session, re-rendering on each change. */
export function useTranslationState(session: TranslationSession): TranslationState {
  return useSyncExternalStore(session.subscribeTranslation, session.getTranslation, session.getTranslation);
}

const selectStatus = (state: { status: ConnectionStatus }) => state.status;
const selectError = (state: { lastError: ErrorInfo | null }) => state.lastError;

/** A translation session for this component (made once from `options`, or the one given), disconnected on unmount. */
export function useTranslation(options?: TranslationSessionOptions | TranslationSession): TranslationControls {
  const owned = useRef<TranslationSession | null>(null);
  const given = options !== undefined && 'getTranslation' in options ? options : null;
  if (given === null && owned.current === null)
    owned.current = createTranslationSession((options as TranslationSessionOptions | undefined) ?? {});
  const session = given ?? (owned.current as TranslationSession);
  useEffect(() => {
    const mine = owned.current;
    if (mine === null) return;
    return () => void mine.disconnect().catch(() => undefined);
  }, []);
  const translation = useTranslationState(session);
  const status = useStore(session.store, selectStatus);
  const error = useStore(session.store, selectError);
  const start = useCallback(() => void session.connect().catch(() => undefined), [session]);
  const stop = useCallback(() => void session.close().catch(() => undefined), [session]);
  const setOutputLanguage = useCallback((language: string) => session.setOutputLanguage(language), [session]);
  return { session, status, translation, error, start, stop, setOutputLanguage };
}
