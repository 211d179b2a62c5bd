/**
 * Conversation order by `previous_item_id`. These run only when items are added, moved or removed (never for
 * a delta). Searches start at the end, where new and updated items almost always are.
 */

/** Inserts `id` right after `previousId`, or first when `previousId` is null. */
export function insertAfter(order: readonly string[], id: string, previousId: string | null): string[] {
  const at = order.lastIndexOf(id);
  const without = at < 0 ? order.slice() : order.filter((x) => x !== id);
  if (previousId === null) {
    without.unshift(id);
    return without;
  }
  const after = without.lastIndexOf(previousId);
  if (after < 0 || after === without.length - 1) without.push(id);
  else without.splice(after + 1, 0, id);
  return without;
}

/** True when `id` already sits right after `previousId` (or first, for null). */
export function isPlacedAfter(order: readonly string[], id: string, previousId: string | null): boolean {
  const at = order.lastIndexOf(id);
  return at >= 0 && (previousId === null ? at === 0 : order[at - 1] === previousId);
}
