'use client';
import { useEffect, useRef } from 'react';
import type { ServerEvent } from '../../core/protocol/events.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';
import { watchCallbacks, type VoiceAgentCallbacks } from '../useVoiceAgent.js';

/** `<VoiceAgent/>`'s callbacks: those of `useVoiceAgent`, plus every server event. */
export interface VoiceAgentViewCallbacks extends VoiceAgentCallbacks {
  /** Every server event, after it reached the store. */
  onEvent?: (event: ServerEvent) => void;
}

/**
 * `<VoiceAgent/>`'s callbacks, from the session's own events: each fires once, in order, also under StrictMode
 * (subscriptions are effects; what was reported lives in a ref that a double mount keeps).
 */
export function useVoiceAgentCallbacks(callbacks: VoiceAgentViewCallbacks): void {
  const session = useEnsureRealtimeSession();
  const latest = useRef(callbacks);
  useEffect(() => {
    latest.current = callbacks;
  });
  const reported = useRef(new Set<string>());
  useEffect(() => watchCallbacks(session, latest, reported.current), [session]);
  useEffect(() => session.on('server_event', (event) => latest.current.onEvent?.(event)), [session]);
}
