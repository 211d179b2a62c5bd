import type { ServerEvent } from '../protocol/events.js';
import { copyRecord } from './copyState.js';

/** How many items may have events waiting for them, and how many events each may hold. */
export const PENDING_ITEM_LIMIT = 64;
export const PENDING_EVENT_LIMIT = 1024;

type Pending = Readonly<Record<string, readonly ServerEvent[]>>;

/** Keeps `event` until item `itemId` appears. Beyond the bounds, further events are dropped. */
export function addPending(pending: Pending, itemId: string, event: ServerEvent): Pending {
  const list = Object.hasOwn(pending, itemId) ? pending[itemId] : undefined;
  if (list === undefined && Object.keys(pending).length >= PENDING_ITEM_LIMIT) return pending;
  if (list !== undefined && list.length >= PENDING_EVENT_LIMIT) return pending;
  const next = copyRecord(pending);
  next[itemId] = list === undefined ? [event] : [...list, event];
  return next;
}

export function takePending(pending: Pending, itemId: string): [Pending, readonly ServerEvent[]] {
  if (!Object.hasOwn(pending, itemId)) return [pending, []];
  return [copyRecord(pending, itemId), pending[itemId] ?? []];
}
