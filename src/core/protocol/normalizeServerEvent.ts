import { BETA_SERVER_EVENT_NAMES, SERVER_EVENT_TYPES, type ServerEvent, type ServerEventType } from './events.js';
import { isObject, isPlain, own, type JsonObject } from './guards.js';
import { normalizeSessionConfig } from './normalizeSessionConfig.js';

const GA_TYPES: ReadonlySet<string> = new Set(SERVER_EVENT_TYPES);
const BETA: Readonly<Record<string, ServerEventType>> = BETA_SERVER_EVENT_NAMES;

/** The GA name for a server event type (GA or beta), or undefined when the type is unknown. */
export function gaServerEventType(type: string): ServerEventType | undefined {
  if (GA_TYPES.has(type)) return type as ServerEventType;
  return Object.hasOwn(BETA, type) ? BETA[type] : undefined;
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
  const type = own(value, 'type');
  return typeof type === 'string' && gaServerEventType(type) !== undefined ? normalizeKnown(value, type) : null;
}

/**
 * `normalizeServerEvent` for an object whose `type` string was read already. An unknown type comes back as is
 * (the reducer ignores it), so a streaming delta costs one switch and no allocation.
 */
export function normalizeKnown(value: JsonObject, rawType: string): ServerEvent {
  // Own enumerable fields only, so the reducer may read the copy directly (see isPlain).
  let event = isPlain(value) ? value : { ...value };
  switch (rawType) {
    case 'response.output_audio_transcript.delta':
    case 'response.output_text.delta':
    case 'response.function_call_arguments.delta':
    case 'conversation.item.input_audio_transcription.delta':
      // Streaming deltas (most of the traffic) need nothing: decided by one comparison.
      break;
    case 'response.audio.delta':
    case 'response.audio.done':
    case 'response.audio_transcript.delta':
    case 'response.audio_transcript.done':
    case 'response.text.delta':
    case 'response.text.done':
      event = { ...event, type: BETA[rawType] };
      break;
    case 'transcription_session.created':
    case 'transcription_session.updated':
    case 'session.created':
    case 'session.updated': {
      const t = rawType[0] === 't';
      const session = own(value, 'session');
      const normalized = normalizeSessionConfig(session, t ? 'transcription' : 'realtime');
      if (t) event = { ...event, type: BETA[rawType] };
      if (normalized !== null && normalized !== session) event = { ...event, session: normalized };
      break;
    }
    case 'conversation.item.created':
    case 'conversation.item.added':
    case 'conversation.item.done':
    case 'conversation.item.retrieved':
    case 'response.output_item.added':
    case 'response.output_item.done': {
      const item = own(value, 'item');
      const normalized = normalizeItem(item);
      if (normalized !== item) event = { ...event, item: normalized };
      break;
    }
    case 'response.created':
    case 'response.done': {
      const response = own(value, 'response');
      const output = isObject(response) ? own(response, 'output') : undefined;
      if (!Array.isArray(output)) break;
      let changed = false;
      const mapped = output.map((item: unknown) => {
        const normalized = normalizeItem(item);
        if (normalized !== item) changed = true;
        return normalized;
      });
      if (changed) event = { ...event, response: { ...(response as JsonObject), output: mapped } };
      break;
    }
  }
  return event as unknown as ServerEvent;
}

const GA_PART: Readonly<Record<string, string>> = { text: 'output_text', audio: 'output_audio' };

/** Beta assistant content parts used `text`/`audio`; GA uses `output_text`/`output_audio`. */
export function normalizeItem(item: unknown): unknown {
  if (!isObject(item) || own(item, 'type') !== 'message') return item;
  const content = own(item, 'content');
  const role = own(item, 'role');
  if (!Array.isArray(content) || role === 'user' || role === 'system') return item;
  let changed = false;
  const mapped = content.map((part: unknown) => {
    const partType = isObject(part) ? own(part, 'type') : undefined;
    if (partType !== 'text' && partType !== 'audio') return part;
    changed = true;
    return { ...(part as JsonObject), type: GA_PART[partType] };
  });
  return changed ? { ...item, content: mapped } : item;
}
