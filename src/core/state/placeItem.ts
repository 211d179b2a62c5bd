import { insertAfter, isPlacedAfter, orderHas } from './conversationOrder.js';
import { copyRecord, patchState } from './copyState.js';
import { tableGet } from './KeyedTable.js';
import type { RealtimeState } from './types.js';

/**
 * Distinct missing predecessors tracked (beyond, a new one is not tracked) and items waiting behind each (beyond,
 * the oldest is dropped).
 */
export const ORPHAN_KEY_LIMIT = 256;
export const ORPHAN_LIST_LIMIT = 256;

/** Records that a bound on `what` was hit; the store passes the message on as a protocol warning. */
export function warn(state: RealtimeState, what: string): RealtimeState {
  return patchState(state, {
    protocolWarning: {
      message: `Too many ${what}: dropped the oldest.`,
      count: (state.protocolWarning?.count ?? 0) + 1,
    },
  });
}

/**
 * Places item `id` by the `previous_item_id` its event gave (`undefined` when the event gave none): a new item
 * goes behind its predecessor, first for null, last when the predecessor is unknown (it moves in when that
 * arrives); a known item moves only behind a predecessor we know, since an explicit null for an item already
 * placed is not news.
 */
export function placeItem(
  state: RealtimeState,
  id: string,
  isNew: boolean,
  place: boolean,
  previousId: string | null | undefined,
): RealtimeState {
  let next = state;
  if (isNew) {
    next = patchState(next, { order: insertAfter(next.order, id, previousId) });
  } else if (
    place &&
    previousId != null &&
    !isPlacedAfter(next.order, id, previousId) &&
    orderHas(next.order, previousId)
  ) {
    next = patchState(next, { order: insertAfter(next.order, id, previousId) });
  }
  if (previousId != null && !orderHas(next.order, previousId)) next = addOrphan(next, previousId, id);
  return isNew ? adoptOrphans(next, id) : next;
}

function addOrphan(state: RealtimeState, previousId: string, id: string): RealtimeState {
  const list = Object.hasOwn(state.orphans, previousId) ? state.orphans[previousId] : undefined;
  if (list?.includes(id)) return state;
  // A long list loses its oldest entry (which stays where it is); a new missing predecessor beyond the limit is
  // not tracked (its item simply stays last).
  const full = list ? list.length >= ORPHAN_LIST_LIMIT : Object.keys(state.orphans).length >= ORPHAN_KEY_LIMIT;
  let next = state;
  if (list || !full) {
    const orphans = copyRecord(state.orphans);
    orphans[previousId] = list ? [...list.slice(full ? 1 : 0), id] : [id];
    next = patchState(state, { orphans });
  }
  return full ? warn(next, 'items waiting for a missing previous_item_id') : next;
}

/** Items that named `id` as their predecessor before it existed move in behind it. */
function adoptOrphans(state: RealtimeState, id: string): RealtimeState {
  if (!Object.hasOwn(state.orphans, id)) return state;
  let order = state.order;
  let after = id;
  for (const child of state.orphans[id] ?? []) {
    if (tableGet(state.items, child)?.previousItemId !== id) continue;
    order = insertAfter(order, child, after);
    after = child;
  }
  return patchState(state, { order, orphans: copyRecord(state.orphans, id) });
}
