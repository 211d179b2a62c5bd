import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ClientEvent } from '../protocol/events.js';
import { parseServerEvent, type ParsedServerEvent } from '../protocol/parseServerEvent.js';
import { applyServerEvent } from './applyServerEvent.js';
import { createInitialState } from './createInitialState.js';
import { createEventLog, type EventLog } from './EventLog.js';
import { reduceLocalAction, type LocalAction } from './reduceLocalAction.js';
import type { RealtimeState } from './types.js';

export interface RealtimeStoreOptions {
  /** Capacity of the event log ring buffer (default 500; 0 turns logging off). */
  eventLogSize?: number;
  /** Clock for event log time stamps (default `Date.now`). The reducer itself never reads a clock. */
  now?: () => number;
  /**
   * Called when the reducer drops something waiting under broken or hostile input (see
   * `RealtimeState.protocolWarning`); each is also in the event log as type `warning`.
   */
  onWarning?: (message: string) => void;
}

export type RealtimeStore = StoreApi<RealtimeState> & {
  /** Parses (string, bytes or object), reduces and logs one server event. Never throws. */
  receive(raw: unknown): ParsedServerEvent;
  /** Records an outgoing client event in the event log. */
  logClientEvent(event: ClientEvent): void;
  /** Applies a client-side change through the pure `reduceLocalAction`. */
  apply(action: LocalAction): void;
  eventLog: EventLog;
};

export const DEFAULT_EVENT_LOG_SIZE = 500;

/** One store per session; nothing is shared between stores. */
export function createRealtimeStore(options: RealtimeStoreOptions = {}): RealtimeStore {
  const store = createStore<RealtimeState>()(() => createInitialState());
  const eventLog = createEventLog(options.eventLogSize ?? DEFAULT_EVENT_LOG_SIZE);
  const now = options.now ?? Date.now;

  const stamp = (): number | undefined => {
    try {
      return now();
    } catch {
      return undefined;
    }
  };

  // A throwing subscriber or onWarning must not break the event stream; surface the error without losing it.
  const safely = (run: () => void): void => {
    try {
      run();
    } catch (error) {
      queueMicrotask(() => {
        throw error;
      });
    }
  };

  const commit = (next: RealtimeState): void => {
    if (next !== store.getState()) safely(() => store.setState(next, true));
  };

  const log = (direction: 'server' | 'client', type: string, event: unknown): void => {
    if (eventLog.capacity === 0) return;
    const at = stamp();
    eventLog.push(at === undefined ? { direction, type, event } : { direction, type, event, at });
  };

  return {
    ...store,
    eventLog,
    receive(raw) {
      const parsed = parseServerEvent(raw);
      if (!parsed.ok) {
        log('server', `invalid:${parsed.reason}`, parsed.raw);
        return parsed;
      }
      log('server', parsed.event.type, parsed.event);
      let next: RealtimeState;
      const before = store.getState();
      try {
        next = applyServerEvent(before, parsed.event);
      } catch {
        return parsed;
      }
      commit(next);
      const warning = next.protocolWarning;
      if (warning !== null && warning !== before.protocolWarning) {
        log('server', 'warning', warning);
        safely(() => options.onWarning?.(warning.message));
      }
      return parsed;
    },
    logClientEvent(event) {
      const type =
        typeof event === 'object' && event !== null && typeof event.type === 'string' ? event.type : 'unknown';
      log('client', type, event);
    },
    apply(action) {
      commit(reduceLocalAction(store.getState(), action));
    },
  };
}
