import {
  BETA_SERVER_EVENT_NAMES,
  SERVER_EVENT_TYPES,
  type ServerEvent,
  type ServerEventType,
} from './events.js';
import { isObject, own, type JsonObject } from './guards.js';
import { normalizeSessionConfig } from './normalizeSessionConfig.js';

const GA_TYPES: ReadonlySet<string> = new Set(SERVER_EVENT_TYPES);
const BETA_TYPES: ReadonlyMap<string, ServerEventType> = new Map(Object.entries(BETA_SERVER_EVENT_NAMES));

/** The GA name for a server event type (GA or beta), or undefined when the type is unknown. */
export function gaServerEventType(type: string): ServerEventType | undefined {
  if (GA_TYPES.has(type)) return type as ServerEventType;
  return BETA_TYPES.get(type);
}

/**
 * Maps a decoded server event with GA or beta names to the GA shape: renamed event types, beta flat sessions,
 * assistant item content `text`/`audio` -> `output_text`/`output_audio`. Returns null when `value` is not an
 * event object or its type is unknown. The input is never modified; unchanged events are returned as is, so
 * the common case (a GA delta) allocates nothing. Field types are not validated here: the reducer checks every
 * field it reads.
 */
export function normalizeServerEvent(value: unknown): ServerEvent | null {
  if (!isObject(value)) return null;
  const rawType = own(value, 'type');
  if (typeof rawType !== 'string') return null;
  const type = gaServerEventType(rawType);
  if (type === undefined) return null;

  let event: JsonObject = value;
  if (type !== rawType) event = { ...value, type };

  switch (type) {
    case 'session.created':
    case 'session.updated': {
      const kind = rawType.startsWith('transcription_session.') ? 'transcription' : 'realtime';
      const session = own(event, 'session');
      const normalized = normalizeSessionConfig(session, kind);
      if (normalized !== null && normalized !== session) event = { ...event, session: normalized };
      break;
    }
    case 'conversation.item.created':
    case 'conversation.item.added':
    case 'conversation.item.done':
    case 'conversation.item.retrieved':
    case 'response.output_item.added':
    case 'response.output_item.done': {
      const item = own(event, 'item');
      const normalized = normalizeItem(item);
      if (normalized !== item) event = { ...event, item: normalized };
      break;
    }
    case 'response.created':
    case 'response.done': {
      const response = own(event, 'response');
      if (!isObject(response)) break;
      const output = own(response, 'output');
      if (!Array.isArray(output)) break;
      let changed = false;
      const mapped = output.map((item: unknown) => {
        const normalized = normalizeItem(item);
        if (normalized !== item) changed = true;
        return normalized;
      });
      if (changed) event = { ...event, response: { ...response, output: mapped } };
      break;
    }
    default:
      break;
  }
  return event as unknown as ServerEvent;
}

/** Beta assistant content parts used `text`/`audio`; GA uses `output_text`/`output_audio`. */
export function normalizeItem(item: unknown): unknown {
  if (!isObject(item) || own(item, 'type') !== 'message') return item;
  const content = own(item, 'content');
  if (!Array.isArray(content)) return item;
  const role = own(item, 'role');
  if (role === 'user' || role === 'system') return item;
  let changed = false;
  const mapped = content.map((part: unknown) => {
    if (!isObject(part)) return part;
    const partType = own(part, 'type');
    if (partType === 'text') {
      changed = true;
      return { ...part, type: 'output_text' };
    }
    if (partType === 'audio') {
      changed = true;
      return { ...part, type: 'output_audio' };
    }
    return part;
  });
  return changed ? { ...item, content: mapped } : item;
}
