/**
 * Conversation order by `previous_item_id`. These run only when items are added, moved or removed (never for
 * a delta), so O(n) array work here is fine.
 */

/** Inserts `id` right after `previousId`, or first when `previousId` is null. */
export function insertAfter(order: readonly string[], id: string, previousId: string | null): string[] {
  const without = order.includes(id) ? order.filter((x) => x !== id) : order.slice();
  if (previousId === null) {
    without.unshift(id);
    return without;
  }
  const at = without.indexOf(previousId);
  if (at < 0) without.push(id);
  else without.splice(at + 1, 0, id);
  return without;
}

/** True when `id` already sits right after `previousId` (or first, for null). */
export function isPlacedAfter(order: readonly string[], id: string, previousId: string | null): boolean {
  const at = order.indexOf(id);
  if (at < 0) return false;
  return previousId === null ? at === 0 : order[at - 1] === previousId;
}
