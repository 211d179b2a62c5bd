'use client';
import { useCallback, useSyncExternalStore } from 'react';
import type { TranslationState } from '../core/captions/types.js';
import type { ConnectionStatus, ErrorInfo } from '../core/state/types.js';
import {
  createTranslationSession,
  type TranslationSession,
  type TranslationSessionOptions,
} from '../session/createTranslationSession.js';
import { useOwnedSession, useStatusAndError } from './useOwnedSession.js';

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

/** A translation session for this component (made once from `options`, or the one given), disconnected on unmount. */
export function useTranslation(options?: TranslationSessionOptions | TranslationSession): TranslationControls {
  const given = options !== undefined && 'getTranslation' in options ? options : null;
  const create = () => createTranslationSession((options as TranslationSessionOptions | undefined) ?? {});
  const session = useOwnedSession(given, create);
  const translation = useTranslationState(session);
  const { status, error } = useStatusAndError(session);
  const start = useCallback(() => void session.connect().catch(() => undefined), [session]);
  const stop = useCallback(() => void session.close().catch(() => undefined), [session]);
  const setOutputLanguage = useCallback((language: string) => session.setOutputLanguage(language), [session]);
  return { session, status, translation, error, start, stop, setOutputLanguage };
}
