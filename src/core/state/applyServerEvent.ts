import type { ServerEvent } from '../protocol/events.js';
import { isObject, own, type JsonObject } from '../protocol/guards.js';
import { orderRemove } from './conversationOrder.js';
import { patchItem } from './copyItem.js';
import { patchState } from './copyState.js';
import { withAgentState } from './deriveAgentState.js';
import { str, validId } from './eventFields.js';
import {
  applyArguments,
  applyContentPart,
  applyTextPart,
  applyToolProgress,
  failTranscription,
  markIdle,
  outOfBand,
  put,
  truncateItem,
} from './itemEvents.js';
import { tableDelete, tableGet } from './KeyedTable.js';
import { mergeItem } from './mergeItem.js';
import { takePending } from './pendingEvents.js';
import { placeItem } from './placeItem.js';
import { readRateLimits } from './rateLimits.js';
import { addResponseItems, finishResponse, openResponse } from './responses.js';
import type { ErrorInfo, RealtimeState } from './types.js';

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
    case 'conversation.item.input_audio_transcription.completed':
      return applyTextPart(state, e, type);
    case 'response.function_call_arguments.delta':
    case 'response.mcp_call_arguments.delta':
    case 'response.function_call_arguments.done':
    case 'response.mcp_call_arguments.done':
      return applyArguments(state, e, type);

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
    case 'conversation.item.truncated':
      return truncateItem(state, e);
    case 'conversation.item.input_audio_transcription.failed':
      return failTranscription(state, e);
    case 'response.content_part.added':
    case 'response.content_part.done':
      return applyContentPart(state, e, type === 'response.content_part.done');

    case 'response.mcp_call.in_progress':
    case 'mcp_list_tools.in_progress':
      return applyToolProgress(state, e, 'in_progress');
    case 'response.mcp_call.completed':
    case 'mcp_list_tools.completed':
      return applyToolProgress(state, e, 'completed');
    case 'response.mcp_call.failed':
    case 'mcp_list_tools.failed':
      return applyToolProgress(state, e, 'failed');

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
    case 'input_audio_buffer.timeout_triggered':
      return markIdle(state, e);
    case 'rate_limits.updated': {
      const rateLimits = readRateLimits(own(e, 'rate_limits'));
      return rateLimits === undefined ? state : patchState(state, { rateLimits });
    }
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
      // conversation.created, audio bytes, dtmf, segments: nothing to show.
      return state;
  }
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
