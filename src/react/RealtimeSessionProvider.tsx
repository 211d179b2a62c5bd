'use client';
import type { ReactNode } from 'react';
import type { RealtimeSession, RealtimeSessionOptions } from '../session/types.js';
import { RealtimeSessionContext } from './context.js';
import { useRealtimeSession } from './useRealtimeSession.js';
import { warnDeprecated } from './warnDeprecated.js';

export type RealtimeSessionProviderProps =
  | {
      /** An existing session; the provider does not disconnect it on unmount. */
      realtimeSession: RealtimeSession;
      /** @deprecated Use `realtimeSession` (`session` means the GA session config everywhere else). Removed in 0.3. */
      session?: never;
      options?: never;
      children?: ReactNode;
    }
  | {
      realtimeSession?: never;
      /** @deprecated Use `realtimeSession` (`session` means the GA session config everywhere else). Removed in 0.3. */
      session: RealtimeSession;
      options?: never;
      children?: ReactNode;
    }
  | {
      realtimeSession?: never;
      session?: never;
      /** Options for a session the provider creates and owns. */
      options?: RealtimeSessionOptions;
      children?: ReactNode;
    };

/** Makes one session available to every talkwire hook and primitive below it. */
export function RealtimeSessionProvider(props: RealtimeSessionProviderProps): ReactNode {
  if (props.session !== undefined) {
    warnDeprecated('provider-session');
  }
  const existing = props.realtimeSession ?? props.session;
  return existing !== undefined ? (
    <RealtimeSessionContext.Provider value={existing}>{props.children}</RealtimeSessionContext.Provider>
  ) : (
    <OwnedSessionProvider options={props.options ?? {}}>{props.children}</OwnedSessionProvider>
  );
}

function OwnedSessionProvider(props: { options: RealtimeSessionOptions; children?: ReactNode }): ReactNode {
  const session = useRealtimeSession(props.options);
  return <RealtimeSessionContext.Provider value={session}>{props.children}</RealtimeSessionContext.Provider>;
}
