'use client';
import { useEffect, useRef } from 'react';
import type { ServerEvent } from '../core/protocol/events.js';
import { isSessionEventType } from '../session/sessionEventTypes.js';
import type { RealtimeSession, SessionEventMap, SessionEventType } from '../session/types.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';

type ServerEventType = ServerEvent['type'];
type RealtimeEventPayload<T extends string> = T extends SessionEventType
  ? SessionEventMap[T]
  : Extract<ServerEvent, { type: T }>;

/**
 * Calls `handler` for a session event (any key of `SessionEventMap`: `'status'`, `'error'`, `'warning'`,
 * `'tool_call'`, ...) or for one server event type (e.g. `'response.done'`). The latest `handler` is always used; it need not be memoised.
 */
export function useRealtimeEvent<T extends SessionEventType | ServerEventType>(
  type: T,
  handler: (payload: RealtimeEventPayload<T>) => void,
  sessionArg?: RealtimeSession,
): void {
  const session = useEnsureRealtimeSession(sessionArg);
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (isSessionEventType(type)) {
      return session.on(type, (payload) => (latest.current as (p: unknown) => void)(payload));
    }
    return session.on('server_event', (event) => {
      if (event.type === type) (latest.current as (p: unknown) => void)(event);
    });
  }, [session, type]);
}
