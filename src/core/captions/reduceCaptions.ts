import { isObject, own, type JsonObject } from '../protocol/guards.js';
import { emptyTable, tableDelete, tableGet, tableSet } from '../state/KeyedTable.js';
import type { CaptionEntry, CaptionLogprob, CaptionSegment, CaptionsState } from './types.js';

/** Entries kept; the oldest go first. A day of dictation is a few thousand entries. */
export const CAPTION_ENTRY_LIMIT = 2000;
const MAX_ID_LENGTH = 512;
const MAX_SEGMENTS = 256;
const MAX_LOGPROBS = 4096;
const MAX_TEXT = 64 * 1024;

const PREFIX = 'conversation.item.input_audio_transcription.';

export function createCaptionsState(): CaptionsState {
  return { ids: [], entries: emptyTable(), speaking: false, dropped: 0 };
}

const validId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
const num = (object: JsonObject, key: string): number | undefined => {
  const value = own(object, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
};

/**
 * Pure reducer from transcription events to caption entries. Works whether or not the server sends
 * `conversation.item.added` for input audio (not confirmed for transcription sessions): an entry appears on the
 * first of `speech_started`, `committed`, an item event or a transcription event for its item id, and is placed
 * after its `previous_item_id` when one is known. A `.completed` transcript is final: later deltas do not
 * change it. Returns `state` itself when nothing changed.
 */
export function reduceCaptions(state: CaptionsState, event: unknown): CaptionsState {
  if (!isObject(event)) return state;
  const type = own(event, 'type');
  if (typeof type !== 'string') return state;
  switch (type) {
    case 'input_audio_buffer.speech_started': {
      const next = state.speaking ? state : { ...state, speaking: true };
      const startMs = num(event, 'audio_start_ms');
      return change(next, event, (entry) => (startMs === undefined ? entry : { ...entry, startMs }));
    }
    case 'input_audio_buffer.speech_stopped': {
      const next = state.speaking ? { ...state, speaking: false } : state;
      const endMs = num(event, 'audio_end_ms');
      return change(next, event, (entry) => (endMs === undefined ? entry : { ...entry, endMs }));
    }
    case 'input_audio_buffer.committed': {
      const next = state.speaking ? { ...state, speaking: false } : state;
      return change(next, event, (entry) => entry, previousOf(event));
    }
    case 'input_audio_buffer.cleared':
      return state.speaking ? { ...state, speaking: false } : state;
    case 'conversation.item.created':
    case 'conversation.item.added':
    case 'conversation.item.done': {
      const item = own(event, 'item');
      if (!isObject(item) || !isInputAudio(item)) return state;
      return change(state, { item_id: own(item, 'id') }, (entry) => entry, previousOf(event));
    }
    case 'conversation.item.deleted': {
      const id = own(event, 'item_id');
      if (!validId(id) || tableGet(state.entries, id) === undefined) return state;
      return { ...state, ids: state.ids.filter((x) => x !== id), entries: tableDelete(state.entries, id) };
    }
    case `${PREFIX}delta`: {
      const delta = own(event, 'delta');
      if (typeof delta !== 'string') return state;
      const logprobs = readLogprobs(own(event, 'logprobs'));
      return change(state, event, (entry) => {
        // A late delta (after .completed or .failed) must not touch the final text.
        if (entry.status !== 'interim') return entry;
        const next: CaptionEntry = { ...entry, text: (entry.text + delta).slice(-MAX_TEXT) };
        if (logprobs !== undefined) next.logprobs = [...(entry.logprobs ?? []), ...logprobs].slice(-MAX_LOGPROBS);
        return next;
      });
    }
    case `${PREFIX}completed`: {
      const transcript = own(event, 'transcript');
      if (typeof transcript !== 'string') return state;
      const logprobs = readLogprobs(own(event, 'logprobs'));
      return change(state, event, (entry) => {
        const next: CaptionEntry = { ...entry, text: transcript.slice(0, MAX_TEXT), status: 'final' };
        delete next.error;
        if (logprobs !== undefined) next.logprobs = logprobs.slice(0, MAX_LOGPROBS);
        return next;
      });
    }
    case `${PREFIX}segment`: {
      const segment = readSegment(event);
      if (segment === undefined) return state;
      return change(state, event, (entry) => {
        const kept = entry.segments.filter((s) => s.id !== segment.id);
        if (kept.length >= MAX_SEGMENTS) return entry;
        kept.push(segment);
        kept.sort((a, b) => a.start - b.start);
        const next: CaptionEntry = { ...entry, segments: kept };
        // Diarizing models may send segments and no deltas: the joined segments are the interim text.
        if (entry.status === 'interim')
          next.text = kept
            .map((s) => s.text)
            .join(' ')
            .slice(0, MAX_TEXT);
        return next;
      });
    }
    case `${PREFIX}failed`: {
      const error = own(event, 'error');
      const message =
        (isObject(error) && typeof own(error, 'message') === 'string' ? (own(error, 'message') as string) : '') ||
        'transcription failed';
      return change(state, event, (entry) =>
        entry.status === 'final' ? entry : { ...entry, status: 'failed', error: message.slice(0, 1000) },
      );
    }
    default:
      return state;
  }
}

function isInputAudio(item: JsonObject): boolean {
  if (own(item, 'role') !== 'user') return false;
  const content = own(item, 'content');
  return Array.isArray(content) && content.some((part) => isObject(part) && own(part, 'type') === 'input_audio');
}

function previousOf(event: JsonObject): string | null | undefined {
  const value = own(event, 'previous_item_id');
  return value === null ? null : validId(value) ? value : undefined;
}

/** Applies `update` to the entry named by `item_id`, creating it when new; places it after `previousId` if given. */
function change(
  state: CaptionsState,
  event: JsonObject,
  update: (entry: CaptionEntry) => CaptionEntry,
  previousId?: string | null,
): CaptionsState {
  const id = own(event, 'item_id');
  if (!validId(id)) return state;
  const existing = tableGet(state.entries, id);
  const before = existing ?? { id, text: '', status: 'interim', segments: [] };
  let entry = update(before);
  if (previousId !== undefined && entry.previousId !== previousId) entry = { ...entry, previousId };
  let ids = state.ids;
  if (existing === undefined) ids = insertAfter(state, id, previousId);
  else if (
    previousId !== undefined &&
    ids[ids.indexOf(id) - 1] !== previousId &&
    previousId !== null &&
    ids.includes(previousId)
  ) {
    // The item event told us where it belongs, after deltas had already made it an entry.
    ids = insertAfter({ ...state, ids: ids.filter((x) => x !== id) }, id, previousId);
  }
  if (entry === existing && ids === state.ids) return state;
  let entries = entry === existing ? state.entries : tableSet(state.entries, id, entry);
  let dropped = state.dropped;
  if (ids.length > CAPTION_ENTRY_LIMIT) {
    const gone = ids.slice(0, ids.length - CAPTION_ENTRY_LIMIT);
    ids = ids.slice(gone.length);
    for (const old of gone) entries = tableDelete(entries, old);
    dropped += gone.length;
  }
  return { ...state, ids, entries, dropped };
}

function insertAfter(state: CaptionsState, id: string, previousId: string | null | undefined): readonly string[] {
  const ids = state.ids;
  let at = previousId === null ? 0 : previousId === undefined ? -1 : ids.indexOf(previousId) + 1;
  if (at <= 0 && previousId !== null) {
    // Unplaced: before an entry that names this one as its predecessor, else last (speech mostly comes in order).
    at = ids.findIndex((other) => tableGet(state.entries, other)?.previousId === id);
    if (at < 0) return [...ids, id];
  }
  return [...ids.slice(0, at), id, ...ids.slice(at)];
}

function readSegment(event: JsonObject): CaptionSegment | undefined {
  const id = own(event, 'id');
  const text = own(event, 'text');
  const start = num(event, 'start');
  const end = num(event, 'end');
  if (!validId(id) || typeof text !== 'string' || start === undefined || end === undefined) return undefined;
  const segment: CaptionSegment = { id, text: text.slice(0, MAX_TEXT), start, end };
  const speaker = own(event, 'speaker');
  if (typeof speaker === 'string' && speaker.length > 0) segment.speaker = speaker.slice(0, 64);
  return segment;
}

function readLogprobs(value: unknown): CaptionLogprob[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: CaptionLogprob[] = [];
  for (const raw of value.slice(0, MAX_LOGPROBS)) {
    if (!isObject(raw)) continue;
    const token = own(raw, 'token');
    const logprob = own(raw, 'logprob');
    if (typeof token === 'string' && typeof logprob === 'number' && Number.isFinite(logprob))
      out.push({ token, logprob });
  }
  return out;
}

/** Entries in speech order. */
export function selectCaptions(state: CaptionsState): CaptionEntry[] {
  return state.ids.map((id) => tableGet(state.entries, id) as CaptionEntry);
}
