import type { ServerEventOf, ServerEventType } from '../../core/protocol/events.js';
import type { SessionEventMap, SessionEventType } from '../types.js';

/** A session event name, or a server event type (delivered through `server_event`). */
export type WaitableType = SessionEventType | ServerEventType;

/** What `waitFor`/`once` hand over: the session event's payload, or the server event itself. */
export type WaitedEvent<T extends WaitableType> = T extends SessionEventType
  ? SessionEventMap[T]
  : T extends ServerEventType
    ? ServerEventOf<T>
    : never;

export interface WaitForOptions<T extends WaitableType> {
  /** Only an event this accepts settles the wait. */
  predicate?: (event: WaitedEvent<T>) => boolean;
  /** Rejects with `wait_timeout` after this many ms. Default: no limit. */
  timeoutMs?: number;
  /** Aborting rejects with `aborted` and removes the listener. */
  signal?: AbortSignal;
}

/** The seed client's conversation helpers (see docs/CONVERSATION.md for the full mapping). */
export interface ConversationMethods {
  /** Calls `handler` for the next such event only; returns a function that removes it before then. */
  once<T extends WaitableType>(type: T, handler: (event: WaitedEvent<T>) => void): () => void;
  /**
   * Resolves with the next such event (that `predicate` accepts). A session event name (`status`, `tool_call`,
   * ...) waits for that session event; any other name waits for the server event of that type (`error` is the
   * session's).
   */
  waitFor<T extends WaitableType>(type: T, options?: WaitForOptions<T>): Promise<WaitedEvent<T>>;
  /** Removes an item from the server's conversation (`conversation.item.delete`); the transcript follows `deleted`. */
  deleteItem(itemId: string): void;
  /** Asks the server for an item (`conversation.item.retrieve`); resolves with it from `conversation.item.retrieved`. */
  retrieveItem(
    itemId: string,
    options?: { timeoutMs?: number; signal?: AbortSignal },
  ): Promise<ServerEventOf<'conversation.item.retrieved'>['item']>;
  /** Cuts an assistant item's audio (and its transcript) at `audioEndMs` (`conversation.item.truncate`). */
  truncateItem(itemId: string, audioEndMs: number, contentIndex?: number): void;
  /** Cancels a response (`response.cancel`): the active one, or the one named (an out-of-band one, say). */
  cancelResponse(responseId?: string): void;
}
