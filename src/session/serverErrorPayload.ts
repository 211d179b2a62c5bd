import type { ErrorEvent, RealtimeErrorPayload } from '../core/protocol/events.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/**
 * The `error` of a server `error` event with every field of the expected type. The parser checks only the event
 * type, so a broken server (or a hostile one) can send `error: null` or numbers where strings belong; reading
 * those must not throw inside the data channel's message handler.
 */
export function serverErrorPayload(event: ErrorEvent): RealtimeErrorPayload {
  const raw = (typeof event.error === 'object' && event.error !== null ? event.error : {}) as Record<string, unknown>;
  const payload: RealtimeErrorPayload = {
    type: text(raw.type) ?? 'server_error',
    message: text(raw.message) ?? 'The server reported an error without a message.',
  };
  const code = text(raw.code);
  const param = text(raw.param);
  const eventId = text(raw.event_id);
  if (code) payload.code = code;
  if (param) payload.param = param;
  if (eventId) payload.event_id = eventId;
  return payload;
}
