import type { ClientEvent, ResponseCreateParams } from '../core/protocol/events.js';
import type { RealtimeState } from '../core/state/types.js';

/** Server error codes that only say a `response.create` or `response.cancel` raced a response: nothing failed. */
export const BENIGN_RESPONSE_ERRORS: ReadonlySet<string> = new Set([
  'conversation_already_has_active_response',
  'response_cancel_not_active',
]);

export interface ResponseQueueOptions {
  getState: () => RealtimeState;
  subscribe: (listener: (state: RealtimeState, previous: RealtimeState) => void) => () => void;
  /** Sends one client event; may throw when the connection is gone (the request is then dropped). */
  send: (event: ClientEvent) => void;
}

export interface ResponseQueue {
  /**
   * Asks for a response on the default conversation. Sent at once when no response is active and none is on
   * its way, otherwise when the active one is done. Plain requests (no params) waiting together are merged: the
   * model answers everything that was added in the meantime with one response.
   */
  request: (params?: ResponseCreateParams) => void;
  /** Feed every server event: `response.created` and `error` settle the request in flight. */
  onServerEvent(event: {
    type: string;
    error?: { code?: string | null | undefined; event_id?: string | null | undefined };
  }): void;
  /** Requests not sent yet (plus one in flight). */
  readonly pending: number;
  /** Drops everything (disconnect, a fresh conversation). */
  clear: () => void;
  dispose: () => void;
}

/**
 * Keeps `response.create` away from a conversation that already has an active response: the server would
 * refuse it (`conversation_already_has_active_response`) and the request would be lost. Driven by the store
 * (`activeResponseId`) and the server's answers.
 */
export function createResponseQueue(options: ResponseQueueOptions): ResponseQueue {
  const waiting: Array<ResponseCreateParams | undefined> = [];
  /** Requests sent recently, by event id, so a refusal can be matched to the request it refused. */
  const sent = new Map<string, ResponseCreateParams | undefined>();
  /** The event id of a `response.create` that neither `response.created` nor an error has answered yet. */
  let inFlight: string | null = null;
  let counter = 0;

  const canSend = () => inFlight === null && options.getState().activeResponseId === null;

  const pump = () => {
    while (waiting.length > 0 && canSend()) {
      const params = waiting.shift();
      const eventId = `talkwire_response_${++counter}`;
      const event: ClientEvent =
        params === undefined
          ? { type: 'response.create', event_id: eventId }
          : { type: 'response.create', event_id: eventId, response: params };
      try {
        options.send(event);
      } catch {
        // Not connected any more: nothing can be answered, so nothing stays queued.
        waiting.length = 0;
        return;
      }
      inFlight = eventId;
      sent.set(eventId, params);
      if (sent.size > 8) sent.delete(sent.keys().next().value as string);
    }
  };

  const unsubscribe = options.subscribe((state, previous) => {
    if (state.activeResponseId === null && previous.activeResponseId !== null) pump();
  });

  return {
    request(params) {
      const plain = params === undefined || Object.keys(params).length === 0;
      if (plain && waiting.includes(undefined)) return;
      waiting.push(plain ? undefined : params);
      pump();
    },
    onServerEvent(event) {
      if (event.type === 'response.created') {
        inFlight = null;
        return;
      }
      if (event.type !== 'error') return;
      const eventId = (event.error as { event_id?: unknown } | undefined)?.event_id;
      if (typeof eventId !== 'string' || !sent.has(eventId)) return;
      const params = sent.get(eventId);
      sent.delete(eventId);
      if (inFlight === eventId) inFlight = null;
      // A response started on its own (server VAD) just before ours arrived: ask again once it is done.
      if (
        event.error?.code === 'conversation_already_has_active_response' &&
        !(params === undefined && waiting.includes(undefined))
      ) {
        waiting.unshift(params);
      }
      pump();
    },
    get pending() {
      return waiting.length + (inFlight === null ? 0 : 1);
    },
    clear() {
      waiting.length = 0;
      sent.clear();
      inFlight = null;
    },
    dispose() {
      unsubscribe();
      waiting.length = 0;
      sent.clear();
    },
  };
}
