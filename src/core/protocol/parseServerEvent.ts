import type { ServerEvent } from './events.js';
import { isObject, own } from './guards.js';
import { gaServerEventType, normalizeKnown } from './normalizeServerEvent.js';

export type ParseFailureReason = 'malformed_json' | 'not_an_event' | 'unknown_type';

export type ParsedServerEvent =
  { ok: true; event: ServerEvent } | { ok: false; reason: ParseFailureReason; raw: unknown };

let decoder: TextDecoder | undefined;

/**
 * Decodes one data-channel message (a JSON string, bytes, or an already-parsed object) into a GA server event.
 * Never throws: bad input comes back as `{ ok: false, reason, raw }` so the caller can log it and carry on.
 */
export function parseServerEvent(data: unknown): ParsedServerEvent {
  let value: unknown = data;
  let decoded = false;
  if (typeof data === 'string' || data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    try {
      value = JSON.parse(typeof data === 'string' ? data : (decoder ??= new TextDecoder()).decode(data));
      decoded = true;
    } catch {
      return fail('malformed_json', data);
    }
  }
  if (!isObject(value)) return fail('not_an_event', data);
  // JSON.parse output is plain (see isPlain): a direct read is an own read.
  const type = decoded ? value['type'] : own(value, 'type');
  if (typeof type !== 'string') return fail('not_an_event', data);
  // The streaming transcript delta skips the name lookup.
  if (type !== 'response.output_audio_transcript.delta' && gaServerEventType(type) === undefined)
    return fail('unknown_type', data);
  return { ok: true, event: normalizeKnown(value, type) };
}

const fail = (reason: ParseFailureReason, raw: unknown): ParsedServerEvent => ({ ok: false, reason, raw });
