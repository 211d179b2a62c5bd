import { isObject, own, type JsonObject } from '../protocol/guards.js';
import { patchItem } from './copyItem.js';
import { patchState } from './copyState.js';
import { withAgentState } from './deriveAgentState.js';
import { tableDelete, tableGet, tableSet } from './KeyedTable.js';
import { warn } from './placeItem.js';
import type { RealtimeState, ResponseState, UsageTotals } from './types.js';

/** Responses without `response.done` kept; a server that never finishes them cannot grow the state. */
export const OPEN_RESPONSE_LIMIT = 64;
export const RESPONSE_ITEM_LIMIT = 256;

/** Tracks a new response as open; beyond the limit the oldest open one is forgotten (a late `done` still counts). */
export function openResponse(state: RealtimeState, id: string, outOfBand = false): RealtimeState {
  const response: ResponseState = { id, status: 'in_progress', itemIds: [] };
  if (outOfBand) response.outOfBand = true;
  const next = patchState(state, {
    responses: tableSet(state.responses, id, response),
    openResponses: [...state.openResponses, id],
  });
  if (next.openResponses.length <= OPEN_RESPONSE_LIMIT) return next;
  const [oldest, ...rest] = next.openResponses as [string, ...string[]];
  return warn(
    patchState(next, {
      responses: tableDelete(next.responses, oldest),
      openResponses: rest,
      activeResponseId: next.activeResponseId === oldest ? null : next.activeResponseId,
    }),
    'responses without response.done',
  );
}

export function addResponseItems(state: RealtimeState, responseId: string, itemIds: readonly string[]): RealtimeState {
  const next = tableGet(state.responses, responseId) === undefined ? openResponse(state, responseId) : state;
  const response = tableGet(next.responses, responseId) as ResponseState;
  // Real responses have a handful of items; the cap keeps a hostile one from making each add slower.
  const missing = itemIds
    .filter((id) => !response.itemIds.includes(id))
    .slice(0, RESPONSE_ITEM_LIMIT - response.itemIds.length);
  if (missing.length === 0) return next;
  return patchState(next, {
    responses: tableSet(next.responses, responseId, { ...response, itemIds: [...response.itemIds, ...missing] }),
  });
}

const USAGE: ReadonlyArray<[keyof UsageTotals, string, string?]> = [
  ['totalTokens', 'total_tokens'],
  ['inputTokens', 'input_tokens'],
  ['outputTokens', 'output_tokens'],
  ['inputTextTokens', 'text_tokens', 'input_token_details'],
  ['inputAudioTokens', 'audio_tokens', 'input_token_details'],
  ['cachedTokens', 'cached_tokens', 'input_token_details'],
  ['outputTextTokens', 'text_tokens', 'output_token_details'],
  ['outputAudioTokens', 'audio_tokens', 'output_token_details'],
];

function addUsage(usage: UsageTotals, raw: unknown): UsageTotals {
  const next = { ...usage, responses: usage.responses + 1 };
  for (const [field, key, group] of USAGE) {
    const from = isObject(raw) && group !== undefined ? own(raw, group) : raw;
    const value = isObject(from) ? own(from, key) : undefined;
    if (typeof value === 'number' && Number.isFinite(value)) next[field] += value;
  }
  return next;
}

/**
 * The state once response `id` (its output items already merged) is done: status and reason recorded, its items
 * final (incomplete unless it completed), usage counted, no longer open or active.
 */
export function finishResponse(next: RealtimeState, id: string, response: JsonObject): RealtimeState {
  const known = tableGet(next.responses, id);
  const itemIds = known?.itemIds ?? [];
  const rawStatus = own(response, 'status');
  const status =
    rawStatus === 'completed' || rawStatus === 'cancelled' || rawStatus === 'failed' || rawStatus === 'incomplete'
      ? rawStatus
      : 'completed';
  const done: ResponseState = { id, status, itemIds };
  if (known?.outOfBand) done.outOfBand = true;
  const details = own(response, 'status_details');
  const reason = isObject(details) ? own(details, 'reason') : undefined;
  if (typeof reason === 'string') done.reason = reason;

  let items = next.items;
  if (status !== 'completed') {
    for (const itemId of itemIds) {
      const item = tableGet(items, itemId);
      if (item !== undefined && (item.status !== 'incomplete' || !item.final)) {
        items = tableSet(items, itemId, patchItem(item, { status: 'incomplete', final: true }));
      }
    }
  }
  return withAgentState(
    patchState(next, {
      items,
      responses: tableSet(next.responses, id, done),
      usage: addUsage(next.usage, own(response, 'usage')),
      openResponses: next.openResponses.filter((x) => x !== id),
      activeResponseId: next.activeResponseId === id ? null : next.activeResponseId,
    }),
  );
}
