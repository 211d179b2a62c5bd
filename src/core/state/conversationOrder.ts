import { emptyTable, tableDelete, tableGet, tableSet, type KeyedTable } from './KeyedTable.js';

type Link = readonly [prev: string, next: string];

/**
 * Conversation order by `previous_item_id`, as a persistent circular doubly linked list: each id's
 * `[prev, next]` lives in a `KeyedTable`, so placing, moving or removing an item rewrites at most five links,
 * whatever the conversation size and wherever the item goes (an array would copy itself on every insert:
 * quadratic over a conversation). An end marker `''` links the last id to the first, so no case is special;
 * the reducer never passes `''` as an id (it refuses empty ids). Treat it as opaque: `selectOrder` gives the ids as an array, built once per version.
 */
export type ConversationOrder = KeyedTable<Link>;

const END = '';

/**
 * A new empty order. Each state gets its own object: selectors memoise by the order's identity, so two sessions
 * sharing one empty order would overwrite each other's cached transcript on every read.
 */
export function emptyOrder(): ConversationOrder {
  return tableSet(emptyTable<Link>(), END, [END, END]);
}

export function orderHas(order: ConversationOrder, id: string): boolean {
  return tableGet(order, id) !== undefined;
}

/** True when `id` already sits right after `previousId` (or first, for null). */
export function isPlacedAfter(order: ConversationOrder, id: string, previousId: string | null): boolean {
  return tableGet(order, id)?.[0] === (previousId ?? END);
}

/**
 * Moves or inserts `id` right after `previousId`; first for null; last for undefined or an id not in the order.
 */
export function insertAfter(
  order: ConversationOrder,
  id: string,
  previousId: string | null | undefined,
): ConversationOrder {
  const o = orderRemove(order, id);
  const prev =
    previousId === null
      ? END
      : previousId !== undefined && orderHas(o, previousId)
        ? previousId
        : (tableGet(o, END) as Link)[0];
  const next = (tableGet(o, prev) as Link)[1];
  return tableSet(setSide(setSide(o, prev, 1, id), next, 0, id), id, [prev, next]);
}

export function orderRemove(order: ConversationOrder, id: string): ConversationOrder {
  const at = tableGet(order, id);
  return at === undefined ? order : setSide(setSide(tableDelete(order, id), at[0], 1, at[1]), at[1], 0, at[0]);
}

/** `order` with side 0 (prev) or 1 (next) of `id` pointing at `to`. */
function setSide(order: ConversationOrder, id: string, side: 0 | 1, to: string): ConversationOrder {
  const link = (tableGet(order, id) as Link).slice() as [string, string];
  link[side] = to;
  return tableSet(order, id, link);
}

// Keyed by the immutable order value: holds nothing alive, shared safely by every store.
const arrays = new WeakMap<ConversationOrder, readonly string[]>();

/** The ids in order, as an array built once per order value (O(n) the first time, then free). */
export function orderToArray(order: ConversationOrder): readonly string[] {
  let out = arrays.get(order) as string[] | undefined;
  if (out === undefined) {
    out = [];
    for (let id = (tableGet(order, END) as Link)[1]; id !== END; id = (tableGet(order, id) as Link)[1]) out.push(id);
    arrays.set(order, out);
  }
  return out;
}
