'use client';
import type { ReactNode } from 'react';
import type { RealtimeSession, RealtimeSessionOptions } from '../session/types.js';
import { RealtimeSessionContext } from './context.js';
import { useRealtimeSession } from './useRealtimeSession.js';

export type RealtimeSessionProviderProps =
  | { /** An existing session; the provider does not disconnect it on unmount. */ session: RealtimeSession; options?: never; children?: ReactNode }
  | { session?: never; /** Options for a session the provider creates and owns. */ options?: RealtimeSessionOptions; children?: ReactNode };

/** Makes one session available to every talkwire hook and primitive below it. */
export function RealtimeSessionProvider(props: RealtimeSessionProviderProps): ReactNode {
  return props.session !== undefined ? (
    <RealtimeSessionContext.Provider value={props.session}>{props.children}</RealtimeSessionContext.Provider>
  ) : (
    <OwnedSessionProvider options={props.options ?? {}}>{props.children}</OwnedSessionProvider>
  );
}

function OwnedSessionProvider(props: { options: RealtimeSessionOptions; children?: ReactNode }): ReactNode {
  const session = useRealtimeSession(props.options);
  return <RealtimeSessionContext.Provider value={session}>{props.children}</RealtimeSessionContext.Provider>;
}
