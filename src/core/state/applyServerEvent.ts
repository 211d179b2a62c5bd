import type { ServerEvent } from '../protocol/events.js';
import { isObject, own, type JsonObject } from '../protocol/guards.js';
import { insertAfter, isPlacedAfter } from './conversationOrder.js';
import { withAgentState } from './deriveAgentState.js';
import { tableDelete, tableGet, tableSet } from './KeyedTable.js';
import { mergeItem, summarize } from './mergeItem.js';
import { addPending, takePending } from './pendingEvents.js';
import type { ConversationItemState, ErrorInfo, RealtimeState, ResponseState, UsageTotals } from './types.js';

/** Ids longer than this are not server ids; refusing them keeps hostile input from bloating the state. */
const MAX_ID_LENGTH = 512;
const MAX_CONTENT_INDEX = 63;
const ORPHAN_LIMIT = 256;
const RESPONSE_STATUSES: ReadonlySet<string> = new Set(['in_progress', 'completed', 'cancelled', 'failed', 'incomplete']);

function validId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function contentIndex(event: JsonObject): number | undefined {
  const value = own(event, 'content_index');
  if (value === undefined || value === null) return 0;
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) <= MAX_CONTENT_INDEX
    ? (value as number)
    : undefined;
}

function transcriptionOn(state: RealtimeState): boolean {
  const session = state.session;
  // Unknown session: assume transcripts may come, so user audio entries stay open.
  if (session === null) return true;
  const transcription = session.audio?.input?.transcription;
  return transcription !== null && transcription !== undefined;
}

/**
 * The reducer body for an already normalised (GA-named) event. Reads every field through runtime checks; the
 * public `reduceServerEvent` adds normalisation and a last-resort guard. Returns `state` itself when nothing
 * changed.
 */
export function applyServerEvent(state: RealtimeState, event: ServerEvent): RealtimeState {
  const e = event as unknown as JsonObject;
  switch (event.type) {
    case 'session.created':
    case 'session.updated': {
      const session = own(e, 'session');
      if (!isObject(session)) return state;
      const type = own(session, 'type');
      if (type === 'realtime') return { ...state, session: session as unknown as RealtimeState['session'] };
      if (type === 'transcription') {
        return { ...state, transcriptionSession: session as unknown as RealtimeState['transcriptionSession'] };
      }
      return state;
    }

    case 'conversation.item.created':
    case 'conversation.item.added':
    case 'conversation.item.done':
      return upsertItem(state, own(e, 'item'), {
        done: event.type === 'conversation.item.done',
        previousItemId: previousOf(e),
        place: true,
      });
    case 'conversation.item.retrieved':
      return upsertItem(state, own(e, 'item'), { done: true, place: false });
    case 'response.output_item.added':
    case 'response.output_item.done': {
      const responseId = own(e, 'response_id');
      const rid = validId(responseId) ? responseId : undefined;
      let next = upsertItem(state, own(e, 'item'), {
        done: event.type === 'response.output_item.done',
        responseId: rid,
        place: false,
      });
      const item = own(e, 'item');
      if (rid !== undefined && next !== state && isObject(item) && validId(own(item, 'id'))) {
        next = addResponseItems(next, rid, [own(item, 'id') as string]);
      }
      return next;
    }

    case 'conversation.item.deleted': {
      const id = own(e, 'item_id');
      if (!validId(id)) return state;
      const pendingHad = Object.hasOwn(state.pending, id);
      if (tableGet(state.items, id) === undefined && !pendingHad) return state;
      const [pending] = takePending(state.pending, id);
      return { ...state, items: tableDelete(state.items, id), order: state.order.filter((x) => x !== id), pending };
    }
    case 'conversation.item.truncated': {
      const audioEndMs = own(e, 'audio_end_ms');
      return updateItem(state, e, (item) => {
        const next: ConversationItemState = { ...item, status: 'incomplete', final: true };
        if (typeof audioEndMs === 'number' && Number.isFinite(audioEndMs)) next.audioEndMs = audioEndMs;
        return next;
      });
    }

    case 'response.output_audio_transcript.delta':
    case 'response.output_text.delta':
    case 'conversation.item.input_audio_transcription.delta': {
      const delta = own(e, 'delta');
      const index = contentIndex(e);
      if (typeof delta !== 'string' || index === undefined) return state;
      return updateItem(state, e, (item) => {
        const next = withPart(item, index, (old) => old + delta, false);
        if (event.type !== 'response.output_text.delta') next.audio = true;
        return next;
      });
    }
    case 'response.output_audio_transcript.done':
    case 'response.output_text.done':
    case 'conversation.item.input_audio_transcription.completed': {
      const value = own(e, event.type === 'response.output_text.done' ? 'text' : 'transcript');
      const index = contentIndex(e);
      if (typeof value !== 'string' || index === undefined) return state;
      return updateItem(state, e, (item) => {
        const next = withPart(item, index, () => value, true);
        if (event.type === 'conversation.item.input_audio_transcription.completed') {
          next.transcription = 'completed';
          next.audio = true;
        }
        return next;
      });
    }
    case 'conversation.item.input_audio_transcription.failed': {
      const error = own(e, 'error');
      const message = isObject(error) && typeof own(error, 'message') === 'string' ? (own(error, 'message') as string) : 'transcription failed';
      return updateItem(state, e, (item) => ({ ...item, transcription: 'failed', error: message, final: true }));
    }
    case 'response.content_part.added':
    case 'response.content_part.done': {
      const part = own(e, 'part');
      const index = contentIndex(e);
      if (!isObject(part) || index === undefined) return state;
      const partType = own(part, 'type');
      const text = own(part, 'text');
      const transcript = own(part, 'transcript');
      const value = typeof text === 'string' ? text : typeof transcript === 'string' ? transcript : undefined;
      const done = event.type === 'response.content_part.done';
      return updateItem(state, e, (item) => {
        let next = item;
        if (value !== undefined && (done || (item.parts?.[index] ?? '') === '')) next = withPart(item, index, () => value, done);
        if ((partType === 'audio' || partType === 'output_audio') && !next.audio) next = { ...next, audio: true };
        return next;
      });
    }

    case 'response.function_call_arguments.delta':
    case 'response.mcp_call_arguments.delta': {
      const delta = own(e, 'delta');
      if (typeof delta !== 'string') return state;
      const callId = own(e, 'call_id');
      return updateItem(state, e, (item) => {
        const next: ConversationItemState = { ...item, arguments: (item.arguments ?? '') + delta };
        if (typeof callId === 'string') next.callId = callId;
        next.text = summarize(next);
        return next;
      });
    }
    case 'response.function_call_arguments.done':
    case 'response.mcp_call_arguments.done': {
      const args = own(e, 'arguments');
      if (typeof args !== 'string') return state;
      const name = own(e, 'name');
      const callId = own(e, 'call_id');
      return updateItem(state, e, (item) => {
        const next: ConversationItemState = { ...item, arguments: args };
        if (typeof name === 'string') next.name = name;
        if (typeof callId === 'string') next.callId = callId;
        next.text = summarize(next);
        return next;
      });
    }
    case 'response.mcp_call.in_progress':
    case 'mcp_list_tools.in_progress':
      return updateItem(state, e, (item) => (item.status === 'in_progress' ? item : { ...item, status: 'in_progress' }), false);
    case 'response.mcp_call.completed':
    case 'mcp_list_tools.completed':
      return updateItem(state, e, (item) => ({ ...item, status: 'completed', final: true }), false);
    case 'response.mcp_call.failed':
    case 'mcp_list_tools.failed':
      return updateItem(state, e, (item) => ({ ...item, status: 'incomplete', final: true, error: item.error ?? 'failed' }), false);

    case 'response.created': {
      const response = own(e, 'response');
      if (!isObject(response)) return state;
      const id = own(response, 'id');
      if (!validId(id)) return state;
      const existing = tableGet(state.responses, id);
      if (existing !== undefined) return state;
      const created: ResponseState = { id, status: 'in_progress', itemIds: [] };
      // Out-of-band responses (`conversation: "none"`) report no conversation and do not hold the turn.
      const inConversation = own(response, 'conversation_id') !== null;
      return withAgentState({
        ...state,
        responses: tableSet(state.responses, id, created),
        activeResponseId: inConversation ? id : state.activeResponseId,
        awaitingResponse: inConversation ? false : state.awaitingResponse,
      });
    }
    case 'response.done':
      return responseDone(state, e);

    case 'input_audio_buffer.speech_started':
      return state.userSpeaking ? state : withAgentState({ ...state, userSpeaking: true, awaitingResponse: false });
    case 'input_audio_buffer.speech_stopped':
      return state.userSpeaking ? withAgentState({ ...state, userSpeaking: false }) : state;
    case 'input_audio_buffer.committed':
      return withAgentState({ ...state, userSpeaking: false, awaitingResponse: true });
    case 'input_audio_buffer.cleared':
      return state.awaitingResponse ? withAgentState({ ...state, awaitingResponse: false }) : state;

    case 'output_audio_buffer.started': {
      const responseId = own(e, 'response_id');
      const id = validId(responseId) ? responseId : (state.activeResponseId ?? 'unknown');
      return state.speakingResponseId === id ? state : withAgentState({ ...state, speakingResponseId: id });
    }
    case 'output_audio_buffer.stopped':
    case 'output_audio_buffer.cleared': {
      const responseId = own(e, 'response_id');
      if (state.speakingResponseId === null) return state;
      // A stop for another response (an out-of-band one, say) does not end what is playing now.
      if (validId(responseId) && responseId !== state.speakingResponseId) return state;
      return withAgentState({ ...state, speakingResponseId: null });
    }

    case 'error': {
      const error = own(e, 'error');
      if (!isObject(error)) return state;
      const code = own(error, 'code');
      const type = own(error, 'type');
      const message = own(error, 'message');
      const info: ErrorInfo = {
        source: 'server',
        code: typeof code === 'string' ? code : typeof type === 'string' ? type : 'server_error',
        message: typeof message === 'string' ? message : 'The server reported an error without a message.',
      };
      if (typeof type === 'string') info.type = type;
      const param = own(error, 'param');
      if (typeof param === 'string') info.param = param;
      const eventId = own(error, 'event_id');
      if (typeof eventId === 'string') info.eventId = eventId;
      // A failed commit or response request leaves nothing to wait for.
      return withAgentState({ ...state, lastError: info, awaitingResponse: false });
    }

    default:
      // conversation.created, rate_limits.updated, audio bytes, dtmf, timeouts, segments: nothing to show.
      return state;
  }
}

function previousOf(event: JsonObject): string | null | undefined {
  const value = own(event, 'previous_item_id');
  if (value === null) return null;
  return validId(value) ? value : undefined;
}

interface UpsertOptions {
  done: boolean;
  place: boolean;
  responseId?: string | undefined;
  previousItemId?: string | null | undefined;
}

function upsertItem(state: RealtimeState, payload: unknown, options: UpsertOptions): RealtimeState {
  if (!isObject(payload)) return state;
  const id = own(payload, 'id');
  if (!validId(id)) return state;
  const existing = tableGet(state.items, id);
  const merged = mergeItem(existing, payload, {
    done: options.done,
    responseId: options.responseId,
    previousItemId: options.previousItemId,
    transcriptionOn: transcriptionOn(state),
  });
  if (merged === null) return state;
  let next: RealtimeState = { ...state, items: tableSet(state.items, id, merged) };

  const previousId = options.previousItemId;
  if (existing === undefined) {
    next = { ...next, order: placeNew(next, id, previousId) };
  } else if (options.place && previousId !== undefined && !isPlacedAfter(next.order, id, previousId)) {
    // Move only behind a predecessor we know; an explicit null for an item we already placed is not news.
    if (previousId !== null && next.order.includes(previousId)) next = { ...next, order: insertAfter(next.order, id, previousId) };
  }
  if (previousId !== undefined && previousId !== null && !next.order.includes(previousId)) next = addOrphan(next, previousId, id);

  if (existing === undefined) {
    next = adoptOrphans(next, id);
    const [pending, events] = takePending(next.pending, id);
    if (events.length > 0) {
      next = { ...next, pending };
      for (const pendingEvent of events) next = applyServerEvent(next, pendingEvent);
    }
  }
  return next;
}

function placeNew(state: RealtimeState, id: string, previousId: string | null | undefined): string[] {
  if (previousId === null) return insertAfter(state.order, id, null);
  if (previousId !== undefined && state.order.includes(previousId)) return insertAfter(state.order, id, previousId);
  const order = state.order.slice();
  order.push(id);
  return order;
}

function addOrphan(state: RealtimeState, previousId: string, id: string): RealtimeState {
  const list = Object.hasOwn(state.orphans, previousId) ? state.orphans[previousId] : undefined;
  if (list?.includes(id)) return state;
  if (list === undefined && Object.keys(state.orphans).length >= ORPHAN_LIMIT) return state;
  const orphans = Object.create(null) as Record<string, readonly string[]>;
  for (const k in state.orphans) orphans[k] = state.orphans[k] as readonly string[];
  orphans[previousId] = list === undefined ? [id] : [...list, id];
  return { ...state, orphans };
}

/** Items that named `id` as their predecessor before it existed move in behind it. */
function adoptOrphans(state: RealtimeState, id: string): RealtimeState {
  if (!Object.hasOwn(state.orphans, id)) return state;
  const children = state.orphans[id] ?? [];
  const orphans = Object.create(null) as Record<string, readonly string[]>;
  for (const k in state.orphans) if (k !== id) orphans[k] = state.orphans[k] as readonly string[];
  let order = state.order;
  let after = id;
  for (const child of children) {
    const item = tableGet(state.items, child);
    if (item === undefined || item.previousItemId !== id) continue;
    order = insertAfter(order, child, after);
    after = child;
  }
  return { ...state, order, orphans };
}

/**
 * Applies `change` to the item named by the event's `item_id`. Events for an item we have not seen yet are kept
 * (bounded) and replayed when it appears, unless `buffer` is false.
 */
function updateItem(
  state: RealtimeState,
  event: JsonObject,
  change: (item: ConversationItemState) => ConversationItemState,
  buffer = true,
): RealtimeState {
  const id = own(event, 'item_id');
  if (!validId(id)) return state;
  const item = tableGet(state.items, id);
  if (item === undefined) {
    if (!buffer) return state;
    const pending = addPending(state.pending, id, event as unknown as ServerEvent);
    return pending === state.pending ? state : { ...state, pending };
  }
  const next = change(item);
  if (next === item) return state;
  return { ...state, items: tableSet(state.items, id, next) };
}

function withPart(
  item: ConversationItemState,
  index: number,
  update: (old: string) => string,
  final: boolean,
): ConversationItemState {
  const parts = item.parts ? item.parts.slice() : [];
  while (parts.length <= index) parts.push('');
  parts[index] = update(parts[index] ?? '');
  const text = parts.length === 1 ? (parts[0] ?? '') : parts.join('');
  return { ...item, parts, text, final: final || item.final };
}

function addResponseItems(state: RealtimeState, responseId: string, itemIds: readonly string[]): RealtimeState {
  const response = tableGet(state.responses, responseId) ?? { id: responseId, status: 'in_progress', itemIds: [] };
  const missing = itemIds.filter((id) => !response.itemIds.includes(id));
  if (missing.length === 0 && tableGet(state.responses, responseId) !== undefined) return state;
  const next: ResponseState = { ...response, itemIds: [...response.itemIds, ...missing] };
  return { ...state, responses: tableSet(state.responses, responseId, next) };
}

function num(object: unknown, key: string): number {
  if (!isObject(object)) return 0;
  const value = own(object, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function addUsage(usage: UsageTotals, raw: unknown): UsageTotals {
  const input = isObject(raw) ? own(raw, 'input_token_details') : undefined;
  const output = isObject(raw) ? own(raw, 'output_token_details') : undefined;
  return {
    responses: usage.responses + 1,
    totalTokens: usage.totalTokens + num(raw, 'total_tokens'),
    inputTokens: usage.inputTokens + num(raw, 'input_tokens'),
    outputTokens: usage.outputTokens + num(raw, 'output_tokens'),
    inputTextTokens: usage.inputTextTokens + num(input, 'text_tokens'),
    inputAudioTokens: usage.inputAudioTokens + num(input, 'audio_tokens'),
    cachedTokens: usage.cachedTokens + num(input, 'cached_tokens'),
    outputTextTokens: usage.outputTextTokens + num(output, 'text_tokens'),
    outputAudioTokens: usage.outputAudioTokens + num(output, 'audio_tokens'),
  };
}

function responseDone(state: RealtimeState, e: JsonObject): RealtimeState {
  const response = own(e, 'response');
  if (!isObject(response)) return state;
  const id = own(response, 'id');
  if (!validId(id)) return state;
  const existing = tableGet(state.responses, id);
  // A repeated response.done must not count usage twice.
  if (existing !== undefined && existing.status !== 'in_progress') return state;

  let next = state;
  const output = own(response, 'output');
  const outputIds: string[] = [];
  if (Array.isArray(output)) {
    for (const item of output.slice(0, 256)) {
      const before = next;
      next = upsertItem(next, item, { done: true, responseId: id, place: false });
      if (next !== before && isObject(item)) outputIds.push(own(item, 'id') as string);
    }
  }
  next = addResponseItems(next, id, outputIds);
  const base = tableGet(next.responses, id) ?? { id, status: 'in_progress', itemIds: [] };
  const rawStatus = own(response, 'status');
  const status = typeof rawStatus === 'string' && RESPONSE_STATUSES.has(rawStatus) && rawStatus !== 'in_progress'
    ? (rawStatus as ResponseState['status'])
    : 'completed';
  const done: ResponseState = { id, status, itemIds: base.itemIds };
  const details = own(response, 'status_details');
  const reason = isObject(details) ? own(details, 'reason') : undefined;
  if (typeof reason === 'string') done.reason = reason;

  let items = next.items;
  if (status !== 'completed') {
    for (const itemId of done.itemIds) {
      const item = tableGet(items, itemId);
      if (item !== undefined && (item.status !== 'incomplete' || !item.final)) {
        items = tableSet(items, itemId, { ...item, status: 'incomplete', final: true });
      }
    }
  }
  return withAgentState({
    ...next,
    items,
    responses: tableSet(next.responses, id, done),
    usage: addUsage(next.usage, own(response, 'usage')),
    activeResponseId: next.activeResponseId === id ? null : next.activeResponseId,
  });
}

