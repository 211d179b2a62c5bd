import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent, ServerEventOf } from '../../core/protocol/events.js';
import type { ConversationMethods } from './types.js';

type WaitFor = ConversationMethods['waitFor'];

/**
 * `conversation.item.retrieve`, answered by `conversation.item.retrieved` for that id, or by an `error` naming our
 * event (an unknown id). Loaded on demand with the session's features.
 */
let counter = 0;

export async function retrieveItem(
  send: (event: ClientEvent) => void,
  waitFor: WaitFor,
  itemId: string,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<ServerEventOf<'conversation.item.retrieved'>['item']> {
  const deps = { send, waitFor };
  const eventId = `talkwire_retrieve_${++counter}`;
  const failed = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, failed.signal]) : failed.signal;
  // The server answers an unknown id with an error naming our event.
  const refused = deps.waitFor('server_event', {
    signal: failed.signal,
    predicate: (event) => event.type === 'error' && event.error.event_id === eventId,
  });
  refused.then(
    () => failed.abort(),
    () => undefined,
  );
  try {
    const waiting = deps.waitFor('conversation.item.retrieved', {
      ...options,
      signal,
      predicate: (event) => event.item.id === itemId,
    });
    deps.send({ type: 'conversation.item.retrieve', item_id: itemId, event_id: eventId });
    return (await waiting).item;
  } catch (error) {
    if (failed.signal.aborted && !options.signal?.aborted) {
      throw new RealtimeError(
        'server_error',
        `The server has no item "${itemId}" to retrieve (it may have been deleted or truncated away).`,
      );
    }
    throw error;
  } finally {
    failed.abort();
  }
}
