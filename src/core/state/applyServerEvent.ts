import type { ServerEvent } from '../protocol/events.js';
import { isObject, own, type JsonObject } from '../protocol/guards.js';
import { orderRemove } from './conversationOrder.js';
import { patchItem, withPart } from './copyItem.js';
import { copyState, patchState } from './copyState.js';
import { withAgentState } from './deriveAgentState.js';
import { tableDelete, tableGet, tableSet } from './KeyedTable.js';
import { mergeItem, summarize } from './mergeItem.js';
import { addPending, takePending } from './pendingEvents.js';
import { placeItem } from './placeItem.js';
import { addResponseItems, finishResponse, openResponse } from './responses.js';
import type { ConversationItemState, ErrorInfo, RealtimeState } from './types.js';

type Item = ConversationItemState;

/** Ids longer than this are not server ids; refusing them keeps hostile input from bloating the state. */
const MAX_ID_LENGTH = 512;
const MAX_CONTENT_INDEX = 63;
const validId = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;

const str = (object: JsonObject, key: string): string | undefined => {
  const value = own(object, key);
  return typeof value === 'string' ? value : undefined;
};

function contentIndex(event: JsonObject): number | undefined {
  const value = event['content_index'];
  if (value === undefined || value === null) return 0;
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_CONTENT_INDEX
    ? (value as number)
    : undefined;
}

/**
 * Whether the server answers a committed turn by itself: not in a transcription session, nor with
 * `create_response: false`. Push-to-talk asks with `response.create`, and `response.created` says so.
 */
function answersCommits(state: RealtimeState): boolean {
  if (state.session === null) return state.transcriptionSession === null;
  const detection = state.session.audio?.input?.turn_detection;
  return detection !== null && detection?.create_response !== false;
}

function transcriptionOn(state: RealtimeState): boolean {
  // Unknown session: assume transcripts may come, so user audio entries stay open.
  return state.session === null || state.session.audio?.input?.transcription != null;
}

/**
 * The reducer body for an already normalised (GA-named) event. Reads every field through runtime checks; the
 * public `reduceServerEvent` adds normalisation and a last-resort guard. Returns `state` itself when nothing
 * changed. Streaming deltas come first and take the shortest path: one new item, one table slot, one state.
 */
export function applyServerEvent(state: RealtimeState, event: ServerEvent): RealtimeState {
  // Events come from normalizeServerEvent / parseServerEvent, so they are plain (see isPlain): top-level
  // fields may be read directly on the hot path.
  const e = event as unknown as JsonObject;
  const type = event.type;
  switch (type) {
    case 'response.output_audio_transcript.delta':
    case 'response.output_text.delta':
    case 'conversation.item.input_audio_transcription.delta':
    case 'response.output_audio_transcript.done':
    case 'response.output_text.done':
    case 'conversation.item.input_audio_transcription.completed': {
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
    case 'response.function_call_arguments.delta':
    case 'response.mcp_call_arguments.delta':
    case 'response.function_call_arguments.done':
    case 'response.mcp_call_arguments.done': {
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

    case 'session.created':
    case 'session.updated': {
      const session = own(e, 'session');
      const kind = isObject(session) ? own(session, 'type') : undefined;
      if (kind === 'realtime') return patchState(state, { session: session as RealtimeState['session'] });
      if (kind === 'transcription')
        return patchState(state, { transcriptionSession: session as RealtimeState['transcriptionSession'] });
      return state;
    }

    case 'conversation.item.created':
    case 'conversation.item.added':
    case 'conversation.item.done':
      return upsertItem(state, own(e, 'item'), type === 'conversation.item.done', true, undefined, previousOf(e));
    case 'conversation.item.retrieved': {
      const heard = heardPart(state, own(e, 'item'));
      return heard === undefined ? upsertItem(state, own(e, 'item'), true, false) : heard;
    }
    case 'response.output_item.added':
    case 'response.output_item.done': {
      const responseId = own(e, 'response_id');
      const rid = validId(responseId) ? responseId : undefined;
      const item = own(e, 'item');
      if (rid !== undefined && outOfBand(state, rid)) {
        const itemId = isObject(item) ? own(item, 'id') : undefined;
        return validId(itemId) ? addResponseItems(state, rid, [itemId]) : state;
      }
      const next = upsertItem(state, item, type === 'response.output_item.done', false, rid);
      return rid !== undefined && next !== state
        ? addResponseItems(next, rid, [own(item as JsonObject, 'id') as string])
        : next;
    }

    case 'conversation.item.deleted': {
      const id = own(e, 'item_id');
      if (!validId(id)) return state;
      const pendingHad = Object.hasOwn(state.pending, id);
      if (tableGet(state.items, id) === undefined && !pendingHad) return state;
      const [pending] = takePending(state.pending, id);
      return patchState(state, { items: tableDelete(state.items, id), order: orderRemove(state.order, id), pending });
    }
    case 'conversation.item.truncated': {
      const audioEndMs = own(e, 'audio_end_ms');
      return updateItem(state, e, (item) => {
        const next: Item = patchItem(item, { status: 'incomplete', final: true });
        if (typeof audioEndMs === 'number' && Number.isFinite(audioEndMs)) next.audioEndMs = audioEndMs;
        return next;
      });
    }
    case 'conversation.item.input_audio_transcription.failed': {
      const error = own(e, 'error');
      const message = (isObject(error) ? str(error, 'message') : undefined) ?? 'transcription failed';
      return updateItem(state, e, (item) => patchItem(item, { transcription: 'failed', error: message, final: true }));
    }
    case 'response.content_part.added':
    case 'response.content_part.done': {
      const part = own(e, 'part');
      const index = contentIndex(e);
      if (!isObject(part) || index === undefined) return state;
      const partType = own(part, 'type');
      const value = str(part, 'text') ?? str(part, 'transcript');
      const done = type === 'response.content_part.done';
      return updateItem(state, e, (item) => {
        let next = item;
        if (value !== undefined && (done || (item.parts?.[index] ?? '') === ''))
          next = withPart(item, index, value, false, done);
        if ((partType === 'audio' || partType === 'output_audio') && !next.audio)
          next = patchItem(next, { audio: true });
        return next;
      });
    }

    case 'response.mcp_call.in_progress':
    case 'mcp_list_tools.in_progress':
      return updateItem(
        state,
        e,
        (item) => (item.status === 'in_progress' ? item : patchItem(item, { status: 'in_progress' })),
        false,
      );
    case 'response.mcp_call.completed':
    case 'mcp_list_tools.completed':
      return updateItem(state, e, (item) => patchItem(item, { status: 'completed', final: true }), false);
    case 'response.mcp_call.failed':
    case 'mcp_list_tools.failed':
      return updateItem(
        state,
        e,
        (item) => patchItem(item, { status: 'incomplete', final: true, error: item.error ?? 'failed' }),
        false,
      );

    case 'response.created': {
      const response = own(e, 'response');
      const id = isObject(response) ? own(response, 'id') : undefined;
      if (!validId(id) || tableGet(state.responses, id) !== undefined) return state;
      // Out-of-band responses (`conversation: "none"`) report no conversation and do not hold the turn.
      const inConversation = own(response as JsonObject, 'conversation_id') !== null;
      return withAgentState(
        openResponse(
          patchState(state, {
            activeResponseId: inConversation ? id : state.activeResponseId,
            awaitingResponse: inConversation ? false : state.awaitingResponse,
          }),
          id,
          !inConversation,
        ),
      );
    }
    case 'response.done':
      return responseDone(state, e);

    case 'input_audio_buffer.speech_started':
      return state.userSpeaking
        ? state
        : withAgentState(patchState(state, { userSpeaking: true, awaitingResponse: false }));
    case 'input_audio_buffer.speech_stopped':
      return state.userSpeaking ? withAgentState(patchState(state, { userSpeaking: false })) : state;
    case 'input_audio_buffer.committed':
      return withAgentState(patchState(state, { userSpeaking: false, awaitingResponse: answersCommits(state) }));
    case 'input_audio_buffer.cleared':
      return state.awaitingResponse ? withAgentState(patchState(state, { awaitingResponse: false })) : state;

    case 'output_audio_buffer.started': {
      const responseId = own(e, 'response_id');
      const id = validId(responseId) ? responseId : (state.activeResponseId ?? 'unknown');
      return state.speakingResponseId === id ? state : withAgentState(patchState(state, { speakingResponseId: id }));
    }
    case 'output_audio_buffer.stopped':
    case 'output_audio_buffer.cleared': {
      const responseId = own(e, 'response_id');
      // A stop for another response (an out-of-band one, say) does not end what is playing now.
      if (state.speakingResponseId === null || (validId(responseId) && responseId !== state.speakingResponseId))
        return state;
      return withAgentState(patchState(state, { speakingResponseId: null }));
    }

    case 'error': {
      const error = own(e, 'error');
      if (!isObject(error)) return state;
      const errorType = str(error, 'type');
      const info: ErrorInfo = {
        source: 'server',
        code: str(error, 'code') ?? errorType ?? 'server_error',
        message: str(error, 'message') ?? 'The server reported an error without a message.',
      };
      if (errorType !== undefined) info.type = errorType;
      const param = str(error, 'param');
      if (param !== undefined) info.param = param;
      const eventId = str(error, 'event_id');
      if (eventId !== undefined) info.eventId = eventId;
      // A failed commit or response request leaves nothing to wait for.
      return withAgentState(patchState(state, { lastError: info, awaitingResponse: false }));
    }

    default:
      // conversation.created, rate_limits.updated, audio bytes, dtmf, timeouts, segments: nothing to show.
      return state;
  }
}

function put(state: RealtimeState, id: string, item: Item): RealtimeState {
  const next = copyState(state);
  next.items = tableSet(state.items, id, item);
  return next;
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
 * After an interruption the server keeps only what was played; re-read (`retrieved`), an assistant item whose
 * audio transcript is a shorter prefix of what streamed tells which part the user heard. The streamed text stays,
 * so the unheard tail can be shown as such. Undefined when the payload is not that.
 */
function heardPart(state: RealtimeState, payload: unknown): RealtimeState | undefined {
  // Parsed JSON: optional chaining reads it safely.
  const heard = (payload as { content?: Array<{ transcript?: unknown }> } | null)?.content?.[0]?.transcript;
  const item = isObject(payload) ? tableGet(state.items, String(own(payload, 'id'))) : undefined;
  if (
    item?.role !== 'assistant' ||
    typeof heard !== 'string' ||
    heard.length >= item.text.length ||
    !item.text.startsWith(heard)
  )
    return undefined;
  return put(state, item.id, patchItem(item, { heard }));
}

/** A response created with `conversation: 'none'`: its items are not part of the conversation. */
function outOfBand(state: RealtimeState, responseId: string): boolean {
  return tableGet(state.responses, responseId)?.outOfBand === true;
}

function previousOf(event: JsonObject): string | null | undefined {
  const value = own(event, 'previous_item_id');
  return value === null ? null : validId(value) ? value : undefined;
}

function upsertItem(
  state: RealtimeState,
  payload: unknown,
  done: boolean,
  place: boolean,
  responseId?: string,
  previousId?: string | null,
): RealtimeState {
  if (!isObject(payload)) return state;
  const id = own(payload, 'id');
  if (!validId(id)) return state;
  const existing = tableGet(state.items, id);
  const merged = mergeItem(existing, payload, {
    done,
    responseId,
    previousItemId: previousId,
    transcriptionOn: transcriptionOn(state),
  });
  if (merged === null) return state;
  let next = placeItem(put(state, id, merged), id, existing === undefined, place, previousId);
  if (existing === undefined) {
    const [pending, events] = takePending(next.pending, id);
    if (events.length > 0) {
      next = patchState(next, { pending });
      for (const pendingEvent of events) next = applyServerEvent(next, pendingEvent);
    }
  }
  return next;
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

function responseDone(state: RealtimeState, e: JsonObject): RealtimeState {
  const response = own(e, 'response');
  if (!isObject(response)) return state;
  const id = own(response, 'id');
  if (!validId(id)) return state;
  // A repeated response.done must not count usage twice.
  if ((tableGet(state.responses, id)?.status ?? 'in_progress') !== 'in_progress') return state;

  let next = state;
  const output = own(response, 'output');
  const outputIds: string[] = [];
  const separate = outOfBand(state, id);
  if (Array.isArray(output)) {
    for (const item of output.slice(0, 256)) {
      if (separate) {
        const itemId = isObject(item) ? own(item, 'id') : undefined;
        if (validId(itemId)) outputIds.push(itemId);
        continue;
      }
      const before = next;
      next = upsertItem(next, item, true, false, id);
      if (next !== before) outputIds.push(own(item as JsonObject, 'id') as string);
    }
  }
  next = addResponseItems(next, id, outputIds);
  return finishResponse(next, id, response);
}
