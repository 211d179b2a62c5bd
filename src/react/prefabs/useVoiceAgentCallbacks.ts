'use client';
import { useRef } from 'react';
import { selectItem, toTranscriptEntry } from '../../core.js';
import type { RealtimeError } from '../../core/errors.js';
import type { ServerEvent } from '../../core/protocol/events.js';
import type { ConnectionStatus, TranscriptEntry } from '../../core/state/types.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';
import { useRealtimeEvent } from '../useRealtimeEvent.js';

export interface VoiceAgentCallbacks {
  /** The call is up (once per call; not again after a reconnect). */
  onConnect?: () => void;
  /** A call that was up ended: hung up, lost or failed (once per `onConnect`). */
  onDisconnect?: () => void;
  /** Every change of the connection status, before `onConnect` / `onDisconnect`. */
  onStatusChange?: (status: ConnectionStatus) => void;
  /** A user or assistant message is final and done (once per message; interrupted ones come as `incomplete`). */
  onMessage?: (message: TranscriptEntry) => void;
  onError?: (error: RealtimeError) => void;
  /** Every server event, after it reached the store. */
  onEvent?: (event: ServerEvent) => void;
}

type ItemRefs = { item_id?: unknown; item?: { id?: unknown } };

/**
 * `<VoiceAgent/>`'s callbacks, from the session's own events: each fires once, in order, also under StrictMode
 * (subscriptions are effects; what was reported lives in a ref that a double mount keeps).
 */
export function useVoiceAgentCallbacks(callbacks: VoiceAgentCallbacks): void {
  const session = useEnsureRealtimeSession();
  const call = useRef<{ up: boolean; reported: Set<string> } | null>(null);
  call.current ??= { up: session.store.getState().status === 'connected', reported: new Set() };
  const track = call.current;

  useRealtimeEvent('status', (status) => {
    callbacks.onStatusChange?.(status);
    if (status === 'connected' && !track.up) {
      track.up = true;
      callbacks.onConnect?.();
    } else if (track.up && status !== 'connected' && status !== 'reconnecting') {
      track.up = false;
      callbacks.onDisconnect?.();
    }
  });
  useRealtimeEvent('error', (error) => callbacks.onError?.(error));
  useRealtimeEvent('server_event', (event) => {
    callbacks.onEvent?.(event);
    if (callbacks.onMessage === undefined) return;
    // Only the items this event names are checked, so the cost does not grow with the conversation.
    const refs = event as ItemRefs;
    report(refs.item_id);
    report(refs.item?.id);
  });

  function report(id: unknown): void {
    if (typeof id !== 'string' || track.reported.has(id)) return;
    const item = selectItem(session.store.getState(), id);
    if (item === undefined) return;
    const entry = toTranscriptEntry(item);
    if (!entry.final || entry.status === 'in_progress' || entry.kind !== 'message' || (entry.role !== 'user' && entry.role !== 'assistant')) return;
    track.reported.add(id);
    callbacks.onMessage?.(entry);
  }
}
