import { describe, expect, it } from 'vitest';
import type { ClientEvent } from '../core/protocol/events.js';
import { createRealtimeStore } from '../core/state/store.js';
import { createResponseQueue } from './responseQueue.js';

function setup() {
  const store = createRealtimeStore();
  const sent: ClientEvent[] = [];
  const queue = createResponseQueue({
    getState: store.getState,
    subscribe: store.subscribe,
    send: (e) => sent.push(e),
  });
  const created = (id: string) => {
    const event = {
      type: 'response.created',
      event_id: `ev_${id}`,
      response: { id, object: 'realtime.response', status: 'in_progress', conversation_id: 'conv_1', output: [] },
    };
    store.receive(event);
    queue.onServerEvent(event);
  };
  const done = (id: string) => {
    const event = {
      type: 'response.done',
      event_id: `evd_${id}`,
      response: { id, object: 'realtime.response', status: 'completed', output: [] },
    };
    store.receive(event);
    queue.onServerEvent(event);
  };
  const error = (code: string, eventId: string | undefined) => {
    const event = {
      type: 'error',
      event_id: 'ev_err',
      error: { type: 'invalid_request_error', code, message: code, event_id: eventId ?? null },
    };
    store.receive(event);
    queue.onServerEvent(event);
  };
  return { store, sent, queue, created, done, error };
}

describe('createResponseQueue', () => {
  it('sends at once when the conversation is free', () => {
    const { sent, queue } = setup();
    queue.request();
    expect(sent).toEqual([{ type: 'response.create', event_id: 'talkwire_response_1' }]);
    expect(queue.pending).toBe(1);
  });

  it('never sends while a response is active, and sends when it is done', () => {
    const { sent, queue, created, done } = setup();
    created('resp_vad');
    queue.request();
    expect(sent).toEqual([]);
    done('resp_vad');
    expect(sent.map((e) => e.type)).toEqual(['response.create']);
  });

  it('waits for response.created of the request in flight before sending the next one', () => {
    const { sent, queue, created, done } = setup();
    queue.request({ instructions: 'a' });
    queue.request({ instructions: 'b' });
    expect(sent).toHaveLength(1);
    created('resp_a');
    expect(sent).toHaveLength(1);
    done('resp_a');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatchObject({ type: 'response.create', response: { instructions: 'b' } });
  });

  it('merges plain requests that wait together into one response', () => {
    const { sent, queue, created, done } = setup();
    created('resp_1');
    queue.request();
    queue.request();
    queue.request();
    done('resp_1');
    expect(sent).toHaveLength(1);
  });

  it('asks again after conversation_already_has_active_response (a VAD response won the race)', () => {
    const { sent, queue, created, done, error } = setup();
    queue.request();
    created('resp_vad'); // the server's own response, started just before ours arrived
    error('conversation_already_has_active_response', 'talkwire_response_1');
    expect(sent).toHaveLength(1);
    done('resp_vad');
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ type: 'response.create', event_id: 'talkwire_response_2' });
  });

  it('drops a request the server refused for another reason, and ignores errors about other events', () => {
    const { sent, queue, error } = setup();
    queue.request({ instructions: 'x' });
    error('invalid_value', 'someone_else');
    expect(queue.pending).toBe(1);
    error('invalid_value', 'talkwire_response_1');
    expect(queue.pending).toBe(0);
    queue.request();
    expect(sent).toHaveLength(2);
  });

  it('drops everything when sending throws (disconnected)', () => {
    const store = createRealtimeStore();
    const queue = createResponseQueue({
      getState: store.getState,
      subscribe: store.subscribe,
      send: () => {
        throw new Error('not connected');
      },
    });
    queue.request();
    expect(queue.pending).toBe(0);
  });

  it('clear() forgets waiting and in-flight requests', () => {
    const { sent, queue, created } = setup();
    created('resp_1');
    queue.request();
    queue.clear();
    expect(queue.pending).toBe(0);
    expect(sent).toEqual([]);
  });
});
