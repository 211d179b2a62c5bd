import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent, ServerEvent } from '../../core/protocol/events.js';
import type { Emitter } from '../../transport/createEmitter.js';
import type { SessionEventMap } from '../types.js';
import type { ConversationMethods, WaitableType, WaitedEvent, WaitForOptions } from './types.js';

/** The session's own event names; anything else names a server event. */
const SESSION_EVENTS: ReadonlySet<string> = new Set(['server_event', 'client_event', 'status', 'error', 'warning', 'session_limit_warning', 'tool_error', 'tool_call']);

export interface ConversationDeps {
  emitter: Emitter<SessionEventMap>;
  send(event: ClientEvent): void;
}

/** `item_id` checked: a clear TypeError rather than a server error later. */
function itemId(id: unknown): string {
  if (typeof id === 'string' && id !== '') return id;
  throw new TypeError(`An item id must be a non-empty string (got ${typeof id}); read ids with selectOrder(state).`);
}

/**
 * The seed client's helpers that must run up front: one-shot listeners and waits (they listen from the moment
 * they are called), and the item and response commands, each a `send`. `retrieveItem` loads with the features.
 */
export function createConversationMethods(deps: ConversationDeps): Omit<ConversationMethods, 'retrieveItem'> {
  const { emitter, send } = deps;

  function listen<T extends WaitableType>(type: T, handler: (event: WaitedEvent<T>) => void): () => void {
    if (SESSION_EVENTS.has(type)) return emitter.on(type as keyof SessionEventMap, handler as never);
    return emitter.on('server_event', (event: ServerEvent) => {
      if (event.type === type) handler(event as WaitedEvent<T>);
    });
  }

  function waitFor<T extends WaitableType>(type: T, { predicate, timeoutMs, signal }: WaitForOptions<T> = {}): Promise<WaitedEvent<T>> {
    return new Promise((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = (error: RealtimeError | null, event?: WaitedEvent<T>) => {
        off();
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (error) reject(error);
        else resolve(event!);
      };
      const onAbort = () => settle(new RealtimeError('aborted', `Stopped waiting for "${type}": the signal was aborted.`));
      const off = listen(type, (event) => {
        if (!predicate || predicate(event)) settle(null, event);
      });
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort);
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => settle(new RealtimeError('wait_timeout', `No "${type}" came within ${timeoutMs} ms; check the session is connected, or wait longer.`)), timeoutMs);
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
    deleteItem: (id) => send({ type: 'conversation.item.delete', item_id: itemId(id) }),
    truncateItem(id, audioEndMs, contentIndex = 0) {
      if (!Number.isInteger(audioEndMs) || audioEndMs < 0) throw new TypeError(`audioEndMs must be a whole number of ms >= 0 (got ${audioEndMs}).`);
      send({ type: 'conversation.item.truncate', item_id: itemId(id), content_index: contentIndex, audio_end_ms: audioEndMs });
    },
    cancelResponse: (responseId) => send(responseId === undefined ? { type: 'response.cancel' } : { type: 'response.cancel', response_id: responseId }),
  };
}
