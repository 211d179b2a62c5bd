import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent, ServerEvent } from '../../core/protocol/events.js';
import type { Emitter } from '../../transport/createEmitter.js';
import type { SessionEventMap } from '../types.js';
import type { ConversationMethods, WaitableType, WaitedEvent, WaitForOptions } from './types.js';

/** The session's own event names; anything else names a server event. */
const SESSION_EVENTS: ReadonlySet<string> = new Set([
  'server_event',
  'client_event',
  'status',
  'error',
  'warning',
  'session_limit_warning',
  'tool_error',
  'tool_call',
]);

export interface ConversationDeps {
  emitter: Emitter<SessionEventMap>;
  send(event: ClientEvent): void;
  nextEventId(): string;
}

const checkId = (method: string, id: unknown): string => {
  if (typeof id === 'string' && id.length > 0) return id;
  throw new TypeError(`${method}() needs an item id (a non-empty string), got ${typeof id}. Read ids from selectOrder(state).`);
};

/**
 * The seed client's helpers on top of the session: one-shot listeners, waits with a predicate, timeout and
 * signal, and the item and response commands. Each is a few lines over `send` and the emitter.
 */
export function createConversationMethods(deps: ConversationDeps): ConversationMethods {
  const { emitter } = deps;

  function listen<T extends WaitableType>(type: T, handler: (event: WaitedEvent<T>) => void): () => void {
    if (SESSION_EVENTS.has(type)) return emitter.on(type as keyof SessionEventMap, handler as never);
    return emitter.on('server_event', (event: ServerEvent) => {
      if (event.type === type) handler(event as WaitedEvent<T>);
    });
  }

  function waitFor<T extends WaitableType>(type: T, options: WaitForOptions<T> = {}): Promise<WaitedEvent<T>> {
    const { predicate, timeoutMs, signal } = options;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(new RealtimeError('aborted', `Stopped waiting for "${type}": the signal was aborted.`));
        return;
      }
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        off();
        if (timer !== undefined) clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        done();
        reject(new RealtimeError('aborted', `Stopped waiting for "${type}": the signal was aborted.`));
      };
      const off = listen(type, (event) => {
        if (predicate && !predicate(event)) return;
        done();
        resolve(event);
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          done();
          reject(new RealtimeError('wait_timeout', `No "${type}" came within ${timeoutMs} ms. Check that the session is connected and the event can happen, or wait longer.`));
        }, timeoutMs);
      }
    });
  }

  return {
    once(type, handler) {
      const off = listen(type, (event) => {
        off();
        handler(event);
      });
      return off;
    },
    waitFor,
    deleteItem(itemId) {
      deps.send({ type: 'conversation.item.delete', item_id: checkId('deleteItem', itemId) });
    },
    async retrieveItem(itemId, options = {}) {
      const id = checkId('retrieveItem', itemId);
      const eventId = deps.nextEventId();
      const failed = new AbortController();
      const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
      // The server answers an unknown id with an error naming our event.
      const offError = listen('server_event', (event) => {
        if (event.type === 'error' && event.error.event_id === eventId) failed.abort();
      });
      try {
        const waiting = waitFor('conversation.item.retrieved', { ...options, signal, predicate: (event) => event.item.id === id });
        deps.send({ type: 'conversation.item.retrieve', item_id: id, event_id: eventId });
        return (await waiting).item;
      } catch (error) {
        if (failed.signal.aborted) throw new RealtimeError('server_error', `The server has no item "${id}" to retrieve (it may have been deleted or truncated away).`);
        throw error;
      } finally {
        offError();
      }
    },
    truncateItem(itemId, audioEndMs, contentIndex = 0) {
      if (!Number.isInteger(audioEndMs) || audioEndMs < 0) {
        throw new TypeError(`truncateItem() needs audioEndMs as a whole number of milliseconds >= 0, got ${String(audioEndMs)}.`);
      }
      deps.send({ type: 'conversation.item.truncate', item_id: checkId('truncateItem', itemId), content_index: contentIndex, audio_end_ms: audioEndMs });
    },
    cancelResponse(responseId) {
      deps.send(responseId === undefined ? { type: 'response.cancel' } : { type: 'response.cancel', response_id: responseId });
    },
  };
}
