import { emptyTable, tableDelete, tableGet, tableSet, type KeyedTable } from './KeyedTable.js';

/**
 * Conversation order by `previous_item_id`, as a persistent doubly linked list: each id's `[prev, next]` lives
 * in a `KeyedTable`, so placing, moving or removing an item rewrites at most four links, whatever the
 * conversation size and wherever the item goes (an array would copy itself on every insert: quadratic over a
 * conversation). Treat it as opaque: `selectOrder` gives the ids as an array (built once per version), `size`
 * their count.
 */
export interface ConversationOrder {
  readonly links: KeyedTable<Link>;
  readonly head: string | null;
  readonly tail: string | null;
  readonly size: number;
}

type Link = readonly [prev: string | null, next: string | null];

export const emptyOrder: ConversationOrder = { links: emptyTable<Link>(), head: null, tail: null, size: 0 };

export function orderHas(order: ConversationOrder, id: string): boolean {
  return tableGet(order.links, id) !== undefined;
}

/** True when `id` already sits right after `previousId` (or first, for null). */
export function isPlacedAfter(order: ConversationOrder, id: string, previousId: string | null): boolean {
  return tableGet(order.links, id)?.[0] === previousId;
}

/**
 * Moves or inserts `id` right after `previousId`; first when `previousId` is null; last when `previousId` is not
 * in the order.
 */
export function insertAfter(order: ConversationOrder, id: string, previousId: string | null): ConversationOrder {
  const o = orderRemove(order, id);
  const prev = previousId === null || orderHas(o, previousId) ? previousId : o.tail;
  const next = prev === null ? o.head : (tableGet(o.links, prev) as Link)[1];
  const links = setSide(setSide(tableSet(o.links, id, [prev, next]), prev, 1, id), next, 0, id);
  return { links, head: prev === null ? id : o.head, tail: next === null ? id : o.tail, size: o.size + 1 };
}

export function orderRemove(order: ConversationOrder, id: string): ConversationOrder {
  const at = tableGet(order.links, id);
  if (at === undefined) return order;
  const [prev, next] = at;
  const links = setSide(setSide(tableDelete(order.links, id), prev, 1, next), next, 0, prev);
  return { links, head: order.head === id ? next : order.head, tail: order.tail === id ? prev : order.tail, size: order.size - 1 };
}

/** `links` with side 0 (prev) or 1 (next) of `id` pointing at `to`. */
function setSide(links: KeyedTable<Link>, id: string | null, side: 0 | 1, to: string | null): KeyedTable<Link> {
  const at = id === null ? undefined : tableGet(links, id);
  if (at === undefined) return links;
  const link: [string | null, string | null] = [at[0], at[1]];
  link[side] = to;
  return tableSet(links, id as string, link);
}

// Keyed by the immutable order value: holds nothing alive, shared safely by every store.
const arrays = new WeakMap<ConversationOrder, readonly string[]>();

/** The ids in order, as an array built once per order value (O(n) the first time, then free). */
export function orderToArray(order: ConversationOrder): readonly string[] {
  let out = arrays.get(order) as string[] | undefined;
  if (out === undefined) {
    out = [];
    for (let id = order.head; id !== null; id = tableGet(order.links, id)?.[1] ?? null) out.push(id);
    arrays.set(order, out);
  }
  return out;
}
