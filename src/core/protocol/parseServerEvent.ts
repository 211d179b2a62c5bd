import type { ServerEvent } from './events.js';
import { isObject, own } from './guards.js';
import { normalizeServerEvent } from './normalizeServerEvent.js';

export type ParseFailureReason = 'malformed_json' | 'not_an_event' | 'unknown_type';

export type ParsedServerEvent =
  | { ok: true; event: ServerEvent }
  | { ok: false; reason: ParseFailureReason; raw: unknown };

/**
 * Decodes one data-channel message (a JSON string, bytes, or an already-parsed object) into a GA server event.
 * Never throws: bad input comes back as `{ ok: false, reason, raw }` so the caller can log it and carry on.
 */
export function parseServerEvent(data: unknown): ParsedServerEvent {
  let value: unknown = data;
  if (typeof data === 'string' || data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    try {
      const text = typeof data === 'string' ? data : new TextDecoder().decode(data);
      value = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'malformed_json', raw: data };
    }
  }
  if (!isObject(value) || typeof own(value, 'type') !== 'string') {
    return { ok: false, reason: 'not_an_event', raw: data };
  }
  const event = normalizeServerEvent(value);
  if (event === null) return { ok: false, reason: 'unknown_type', raw: data };
  return { ok: true, event };
}
