import { afterEach, describe, expect, it, vi } from 'vitest';
import { selectTranscript } from '../core/state/selectors.js';
import { createRealtimeStore } from '../core/state/store.js';
import { isRecoverable, reconnectDelay } from './reconnectPolicy.js';
import { replayTranscript } from './replayTranscript.js';
import { watchCall, type CallWatchOptions } from './watchCall.js';

describe('reconnectDelay', () => {
  it('doubles from the given first wait, capped at 8 s', () => {
    const policy = { attempts: 10, backoff: 500 };
    expect([1, 2, 3, 4, 5, 6].map((n) => reconnectDelay(policy, n))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
  });
  it('takes a function of the try number and refuses nonsense', () => {
    expect(reconnectDelay({ attempts: 3, backoff: (n) => n * 100 }, 3)).toBe(300);
    expect(reconnectDelay({ attempts: 3, backoff: () => Number.NaN }, 1)).toBe(0);
    expect(reconnectDelay({ attempts: 3, backoff: -5 }, 1)).toBe(0);
  });
  it('retries lost connections, never errors the user must fix', () => {
    for (const code of [
      'data_channel_closed',
      'connection_failed',
      'connect_timeout',
      'sdp_rejected',
      'client_secret_failed',
    ]) {
      expect(isRecoverable(code)).toBe(true);
    }
    for (const code of [
      'mic_permission_denied',
      'mic_unavailable',
      'api_key_in_browser',
      'server_error',
      'session_expired',
    ]) {
      expect(isRecoverable(code)).toBe(false);
    }
  });
});

describe('replayTranscript', () => {
  function storeWith(events: unknown[]) {
    const store = createRealtimeStore();
    for (const event of events) store.receive(event);
    return store;
  }
  const user = (id: string, prev: string | null, transcript: string) => ({
    type: 'conversation.item.done',
    previous_item_id: prev,
    item: { id, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio', transcript }] },
  });
  const assistant = (id: string, prev: string | null, transcript: string) => ({
    type: 'conversation.item.done',
    previous_item_id: prev,
    item: {
      id,
      type: 'message',
      role: 'assistant',
      status: 'completed',
      content: [{ type: 'output_audio', transcript }],
    },
  });

  it('replays messages in order as text items that keep their ids', () => {
    const store = storeWith([
      user('item_a', null, 'Hello there'),
      assistant('item_b', 'item_a', 'Hi, how can I help?'),
    ]);
    expect(replayTranscript(store.getState())).toEqual([
      {
        type: 'conversation.item.create',
        previous_item_id: 'root',
        item: { id: 'item_a', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello there' }] },
      },
      {
        type: 'conversation.item.create',
        previous_item_id: 'item_a',
        item: {
          id: 'item_b',
          type: 'message',
          role: 'assistant',
          content: [{ type: 'output_text', text: 'Hi, how can I help?' }],
        },
      },
    ]);
  });

  it('replays a user message’s images with its text, and an image-only message too', () => {
    const jpeg = 'data:image/jpeg;base64,/9j/AA==';
    const store = storeWith([
      {
        type: 'conversation.item.done',
        previous_item_id: null,
        item: {
          id: 'item_i',
          type: 'message',
          role: 'user',
          status: 'completed',
          content: [
            { type: 'input_text', text: 'Look' },
            { type: 'input_image', image_url: jpeg },
          ],
        },
      },
      {
        type: 'conversation.item.done',
        previous_item_id: 'item_i',
        item: { id: 'item_j', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_image' }] },
      },
    ]);
    store.apply({ type: 'item_images', itemId: 'item_j', images: [{ url: jpeg, alt: 'Again' }] });
    const replay = replayTranscript(store.getState()).map((e) => (e as { item: { content: unknown } }).item.content);
    expect(replay).toEqual([
      [
        { type: 'input_text', text: 'Look' },
        { type: 'input_image', image_url: jpeg },
      ],
      [{ type: 'input_image', image_url: jpeg }],
    ]);
  });

  it('skips empty messages and tool items', () => {
    const store = storeWith([
      user('item_a', null, ''),
      {
        type: 'conversation.item.done',
        previous_item_id: 'item_a',
        item: { id: 'item_f', type: 'function_call', status: 'completed', name: 'f', call_id: 'c', arguments: '{}' },
      },
      assistant('item_b', 'item_f', 'Done.'),
    ]);
    const replay = replayTranscript(store.getState());
    expect(replay.map((e) => (e as { item: { id: string } }).item.id)).toEqual(['item_b']);
  });

  it('the server echo of a replayed item merges into the entry on screen (no duplicate)', () => {
    const store = storeWith([user('item_a', null, 'Hello there'), assistant('item_b', 'item_a', 'Hi!')]);
    const before = store.getState();
    for (const event of replayTranscript(before)) {
      const create = event as unknown as { previous_item_id: string; item: Record<string, unknown> };
      const echo = { ...create.item, object: 'realtime.item', status: 'completed' };
      const previous = create.previous_item_id === 'root' ? null : create.previous_item_id;
      store.receive({ type: 'conversation.item.added', previous_item_id: previous, item: echo });
      store.receive({ type: 'conversation.item.done', previous_item_id: previous, item: echo });
    }
    const after = store.getState();
    expect(after.order).toEqual(before.order);
    const text = (s: typeof after) => selectTranscript(s).map((e) => `${e.id}:${e.role}:${e.text}:${e.final}`);
    expect(text(after)).toEqual(text(before));
  });
});

describe('watchCall', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  function setup(overrides: Partial<CallWatchOptions> = {}) {
    vi.useFakeTimers();
    let stateListener: ((s: RTCPeerConnectionState) => void) | null = null;
    const track = new EventTarget() as unknown as MediaStreamTrack;
    const calls: string[] = [];
    const stop = watchCall({
      onConnectionState: (listener) => {
        stateListener = listener;
        return () => {
          stateListener = null;
        };
      },
      micTrack: track,
      graceMs: 5_000,
      limit: { limitMs: 10_000, warnBeforeMs: 3_000 },
      onDisconnectedTooLong: (ms) => calls.push(`lost:${ms}`),
      onMicEnded: () => calls.push('mic'),
      onLimitWarning: (ms) => calls.push(`warn:${ms}`),
      onLimitReached: (ms) => calls.push(`limit:${ms}`),
      ...overrides,
    });
    return { calls, stop, track, state: (s: RTCPeerConnectionState) => stateListener?.(s) };
  }

  it('a disconnect that recovers within the grace period is not a loss', () => {
    const { calls, state, stop } = setup({ limit: false });
    state('disconnected');
    vi.advanceTimersByTime(4_000);
    state('connected');
    vi.advanceTimersByTime(10_000);
    expect(calls).toEqual([]);
    state('disconnected');
    vi.advanceTimersByTime(5_000);
    expect(calls).toEqual(['lost:5000']);
    stop();
  });

  it('warns before the session limit and ends at it', () => {
    const { calls, stop } = setup();
    vi.advanceTimersByTime(6_999);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual(['warn:3000']);
    vi.advanceTimersByTime(3_000);
    expect(calls).toEqual(['warn:3000', 'limit:10000']);
    stop();
  });

  it('reports the mic track ending, and stop() clears every timer and listener', () => {
    const { calls, stop, track, state } = setup();
    track.dispatchEvent(new Event('ended'));
    expect(calls).toEqual(['mic']);
    stop();
    track.dispatchEvent(new Event('ended'));
    state('disconnected');
    vi.advanceTimersByTime(60_000);
    expect(calls).toEqual(['mic']);
    expect(vi.getTimerCount()).toBe(0);
  });
});
