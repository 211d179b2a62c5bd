import { orderToArray, type ConversationOrder } from './conversationOrder.js';
import { tableGet } from './KeyedTable.js';
import type { ConversationItemState, RealtimeState, ResponseState, TranscriptEntry } from './types.js';

/** Item ids in conversation order. */
export function selectOrder(state: RealtimeState): readonly string[] {
  return orderToArray(state.order);
}

export function selectItem(state: RealtimeState, id: string): ConversationItemState | undefined {
  return typeof id === 'string' ? tableGet(state.items, id) : undefined;
}

export function selectResponse(state: RealtimeState, id: string): ResponseState | undefined {
  return typeof id === 'string' ? tableGet(state.responses, id) : undefined;
}

// Caches keyed by immutable state parts: they hold nothing alive and are shared safely by every store.
const entryCache = new WeakMap<ConversationItemState, TranscriptEntry>();
const transcriptCache = new WeakMap<ConversationOrder, { items: RealtimeState['items']; entries: TranscriptEntry[] }>();

/** The `TranscriptEntry` for one item; the same object for as long as the item does not change. */
export function toTranscriptEntry(item: ConversationItemState): TranscriptEntry {
  const cached = entryCache.get(item);
  if (cached !== undefined) return cached;
  const entry: TranscriptEntry = {
    id: item.id,
    role: item.role,
    kind: item.kind,
    text: item.text,
    status: item.status,
    final: item.final,
  };
  if (item.error !== undefined) entry.error = item.error;
  if (item.heard !== undefined) entry.heard = item.heard;
  if (item.images !== undefined) entry.images = item.images;
  if (item.idle) entry.idle = true;
  entryCache.set(item, entry);
  return entry;
}

/**
 * The conversation in order. Memoised: a state whose items and order did not change gives the same array, and
 * an item that did not change gives the same entry object, so list rows can skip re-rendering.
 */
export function selectTranscript(state: RealtimeState): TranscriptEntry[] {
  const cached = transcriptCache.get(state.order);
  if (cached !== undefined && cached.items === state.items) return cached.entries;
  const entries: TranscriptEntry[] = [];
  for (const id of orderToArray(state.order)) {
    const item = tableGet(state.items, id);
    if (item !== undefined) entries.push(toTranscriptEntry(item));
  }
  transcriptCache.set(state.order, { items: state.items, entries });
  return entries;
}
