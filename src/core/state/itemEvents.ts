import type { ServerEvent } from '../protocol/events.js';
import { isObject, own, type JsonObject } from '../protocol/guards.js';
import { patchItem, withPart } from './copyItem.js';
import { copyState, patchState } from './copyState.js';
import { contentIndex, str, validId } from './eventFields.js';
import { tableGet, tableSet } from './KeyedTable.js';
import { summarize } from './mergeItem.js';
import { addPending } from './pendingEvents.js';
import type { ConversationItemState, RealtimeState } from './types.js';

// Handlers for events that change an item already in the table, by its `item_id`. None of them creates an item,
// so, unlike the upserts, they never replay pending events and need no way back into the reducer.

type Item = ConversationItemState;

export function put(state: RealtimeState, id: string, item: Item): RealtimeState {
  const next = copyState(state);
  next.items = tableSet(state.items, id, item);
  return next;
}

/** A response created with `conversation: 'none'`: its items are not part of the conversation. */
export function outOfBand(state: RealtimeState, responseId: string): boolean {
  return tableGet(state.responses, responseId)?.outOfBand === true;
}

/** Keeps an event for an item that has not appeared yet (bounded); it is replayed when the item does. */
function keep(state: RealtimeState, id: string, event: JsonObject): RealtimeState {
  // Out-of-band output never becomes a conversation item: waiting for one would only fill the buffer.
  const responseId = event['response_id'];
  if (typeof responseId === 'string' && outOfBand(state, responseId)) return state;
  const pending = addPending(state.pending, id, event as unknown as ServerEvent);
  return pending === state.pending ? state : patchState(state, { pending });
}

/**
 * Applies `change` to the item named by the event's `item_id`. Events for an item we have not seen yet are kept
 * (bounded) and replayed when it appears, unless `buffer` is false.
 */
function updateItem(
  state: RealtimeState,
  event: JsonObject,
  change: (item: Item) => Item,
  buffer = true,
): RealtimeState {
  const id = own(event, 'item_id');
  if (!validId(id)) return state;
  const item = tableGet(state.items, id);
  if (item === undefined) return buffer ? keep(state, id, event) : state;
  const next = change(item);
  return next === item ? state : put(state, id, next);
}

/**
 * Text, audio transcript and input transcription deltas and their `done` events. The hot path: it skips
 * `updateItem`'s closure, so a delta costs one new item, one table slot and one state.
 */
export function applyTextPart(state: RealtimeState, e: JsonObject, type: string): RealtimeState {
  const delta = type.endsWith('a');
  const value = delta ? e['delta'] : type === 'response.output_text.done' ? e['text'] : e['transcript'];
  const index = contentIndex(e);
  const id = e['item_id'];
  if (typeof value !== 'string' || index === undefined || !validId(id)) return state;
  const item = tableGet(state.items, id);
  if (item === undefined) return keep(state, id, e);
  const next = withPart(item, index, value, delta, !delta);
  if (type === 'conversation.item.input_audio_transcription.completed') next.transcription = 'completed';
  if (delta ? type !== 'response.output_text.delta' : next.transcription === 'completed') next.audio = true;
  return put(state, id, next);
}

/** Function and MCP call arguments, streamed (`.delta`) or whole (`.done`). */
export function applyArguments(state: RealtimeState, e: JsonObject, type: string): RealtimeState {
  const delta = type.endsWith('a');
  const args = own(e, delta ? 'delta' : 'arguments');
  if (typeof args !== 'string') return state;
  const name = str(e, 'name');
  const callId = str(e, 'call_id');
  return updateItem(state, e, (item) => {
    const next: Item = patchItem(item, { arguments: delta ? (item.arguments ?? '') + args : args });
    if (!delta && name !== undefined) next.name = name;
    if (callId !== undefined) next.callId = callId;
    next.text = summarize(next);
    return next;
  });
}

export function truncateItem(state: RealtimeState, e: JsonObject): RealtimeState {
  const audioEndMs = own(e, 'audio_end_ms');
  return updateItem(state, e, (item) => {
    const next: Item = patchItem(item, { status: 'incomplete', final: true });
    if (typeof audioEndMs === 'number' && Number.isFinite(audioEndMs)) next.audioEndMs = audioEndMs;
    return next;
  });
}

export function failTranscription(state: RealtimeState, e: JsonObject): RealtimeState {
  const error = own(e, 'error');
  const message = (isObject(error) ? str(error, 'message') : undefined) ?? 'transcription failed';
  return updateItem(state, e, (item) => patchItem(item, { transcription: 'failed', error: message, final: true }));
}

/** The silent user turn an idle timeout commits; the event comes before the item, so it waits for it. */
export function markIdle(state: RealtimeState, e: JsonObject): RealtimeState {
  return updateItem(state, e, (item) => (item.idle ? item : patchItem(item, { idle: true })));
}

export function applyContentPart(state: RealtimeState, e: JsonObject, done: boolean): RealtimeState {
  const part = own(e, 'part');
  const index = contentIndex(e);
  if (!isObject(part) || index === undefined) return state;
  const partType = own(part, 'type');
  const value = str(part, 'text') ?? str(part, 'transcript');
  return updateItem(state, e, (item) => {
    let next = item;
    if (value !== undefined && (done || (item.parts?.[index] ?? '') === ''))
      next = withPart(item, index, value, false, done);
    if ((partType === 'audio' || partType === 'output_audio') && !next.audio) next = patchItem(next, { audio: true });
    return next;
  });
}

/** Progress of an MCP call or tool listing; unlike content, it is not kept for an item not seen yet. */
export function applyToolProgress(
  state: RealtimeState,
  e: JsonObject,
  status: 'in_progress' | 'completed' | 'failed',
): RealtimeState {
  switch (status) {
    case 'in_progress':
      return updateItem(
        state,
        e,
        (item) => (item.status === 'in_progress' ? item : patchItem(item, { status: 'in_progress' })),
        false,
      );
    case 'completed':
      return updateItem(state, e, (item) => patchItem(item, { status: 'completed', final: true }), false);
    case 'failed':
      return updateItem(
        state,
        e,
        (item) => patchItem(item, { status: 'incomplete', final: true, error: item.error ?? 'failed' }),
        false,
      );
  }
}
