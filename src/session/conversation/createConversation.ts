import type { ClientEvent } from '../../core/protocol/events.js';
import type { Emitter } from '../../transport/createEmitter.js';
import type { SessionFeatures } from '../createSessionFeatures.js';
import type { SessionEventMap } from '../types.js';
import type { Listen } from './conversationMethods.js';
import type { ConversationMethods } from './types.js';

export interface ConversationDeps {
  emitter: Emitter<SessionEventMap>;
  send: (event: ClientEvent) => void;
  /** The session's features (one `import()`): the rest of `waitFor` and `retrieveItem` live there. */
  load: () => Promise<SessionFeatures>;
}

/**
 * The seed client's helpers. What must hold from the call on stays here and small: `once`, the listening half of
 * `waitFor`, and the item and response commands (each one `send`, in order with the session's other sends); the
 * rest loads with the features, so a plain voice call does not carry it.
 */
export function createConversation({ emitter, send, load }: ConversationDeps): ConversationMethods {
  // The session emits each server event under its own type too (all but `error`, which is the session's).
  const listen = emitter.on as Listen;
  const conversation: ConversationMethods = {
    once(type, handler) {
      const off = listen(type, (event) => {
        off();
        handler(event);
      });
      return off;
    },
    waitFor(type, options) {
      const seen: never[] = [];
      const stop = listen(type, (event) => seen.push(event as never));
      return load().then((features) => features.finishWaitFor(listen, type, options, seen, stop));
    },
    deleteItem: (item_id) => send({ type: 'conversation.item.delete', item_id }),
    truncateItem: (item_id, audio_end_ms, content_index = 0) =>
      send({ type: 'conversation.item.truncate', item_id, content_index, audio_end_ms }),
    // An undefined response_id is dropped when the event is serialised.
    cancelResponse: (response_id) => send({ type: 'response.cancel', response_id: response_id! }),
    retrieveItem: (id, options) =>
      load().then((features) =>
        features.retrieveItem(send, (type, waitOptions) => conversation.waitFor(type, waitOptions), id, options),
      ),
  };
  return conversation;
}
