import type { SessionEventType } from './types.js';

// Checked against SessionEventMap by `satisfies`: an event added to the map and not here fails to compile, so
// code that routes by name (useRealtimeEvent) cannot silently miss one.
const SESSION_EVENT_TYPES = {
  server_event: true,
  client_event: true,
  status: true,
  error: true,
  warning: true,
  session_limit_warning: true,
  tool_error: true,
  tool_call: true,
  output_audio: true,
  transport_fallback: true,
  call_started: true,
  idle: true,
} as const satisfies Record<SessionEventType, true>;

/** True for the session's own event names (`status`, `tool_call`, ...); false for server event types. */
export function isSessionEventType(type: string): type is SessionEventType {
  return Object.prototype.hasOwnProperty.call(SESSION_EVENT_TYPES, type);
}
