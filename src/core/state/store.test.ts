import { describe, expect, it, vi } from 'vitest';
import { createRealtimeStore, selectOrder, selectTranscript } from '../../entries/core.js';
import { createEventLog } from './EventLog.js';
import { ev } from '../../../test/support/events.js';

describe('createRealtimeStore', () => {
  it('receives strings and objects, reduces them and notifies subscribers', () => {
    const store = createRealtimeStore();
    const listener = vi.fn();
    store.subscribe(listener);
    const parsed = store.receive(JSON.stringify(ev.added('u', 'user', null, [{ type: 'input_text', text: 'Hi' }])));
    expect(parsed.ok).toBe(true);
    expect(selectTranscript(store.getState())).toHaveLength(1);
    expect(listener).toHaveBeenCalledTimes(1);
    store.receive(ev.transcriptDelta('ghost', 'x'));
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('never throws on bad input, logs it, and leaves the state alone', () => {
    const store = createRealtimeStore({ now: () => 42 });
    const before = store.getState();
    const listener = vi.fn();
    store.subscribe(listener);
    expect(store.receive('{oops')).toMatchObject({ ok: false, reason: 'malformed_json' });
    expect(store.receive({ type: 'nope' })).toMatchObject({ ok: false, reason: 'unknown_type' });
    expect(store.receive(17)).toMatchObject({ ok: false, reason: 'not_an_event' });
    expect(store.getState()).toBe(before);
    expect(listener).not.toHaveBeenCalled();
    expect(store.eventLog.toArray()).toEqual([
      { direction: 'server', type: 'invalid:malformed_json', event: '{oops', at: 42 },
      { direction: 'server', type: 'invalid:unknown_type', event: { type: 'nope' }, at: 42 },
      { direction: 'server', type: 'invalid:not_an_event', event: 17, at: 42 },
    ]);
  });

  it('does not let a throwing subscriber break receive', async () => {
    const store = createRealtimeStore();
    const failure = new Error('subscriber failed');
    store.subscribe(() => {
      throw failure;
    });
    const errors: unknown[] = [];
    const onError = (error: unknown) => errors.push(error);
    process.on('uncaughtException', onError);
    try {
      expect(() => store.receive(ev.added('u', 'user', null, []))).not.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 0));
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(errors).toEqual([failure]);
    expect(selectOrder(store.getState())).toEqual(['u']);
  });

  it('logs client events with the injected clock', () => {
    let t = 1000;
    const store = createRealtimeStore({ now: () => t++ });
    store.logClientEvent({ type: 'response.create' });
    store.receive(ev.simple('input_audio_buffer.cleared'));
    expect(store.eventLog.toArray().map((e) => [e.direction, e.type, e.at])).toEqual([
      ['client', 'response.create', 1000],
      ['server', 'input_audio_buffer.cleared', 1001],
    ]);
  });

  it('applies local actions through the pure reducer', () => {
    const store = createRealtimeStore();
    store.apply({ type: 'status', status: 'connected' });
    expect(store.getState()).toMatchObject({ status: 'connected', agentState: 'listening' });
    store.apply({ type: 'mic', patch: { muted: true, permission: 'granted' } });
    expect(store.getState().mic).toEqual({ muted: true, permission: 'granted', deviceId: null });
    store.apply({ type: 'output', patch: { playbackBlocked: true } });
    expect(store.getState().output.playbackBlocked).toBe(true);
    store.apply({ type: 'call', callId: 'rtc_1' });
    expect(store.getState().callId).toBe('rtc_1');
    expect(store.getState().transport).toEqual({ kind: null, fallback: null });
    const fallback = { from: 'webrtc', to: 'websocket', reason: 'WebRTC did not connect within 4000 ms.' } as const;
    store.apply({ type: 'transport', transport: { kind: 'websocket', fallback } });
    expect(store.getState().transport).toEqual({ kind: 'websocket', fallback });
    store.apply({
      type: 'error',
      error: { source: 'client', code: 'mic_permission_denied', message: 'Allow the mic.' },
    });
    expect(store.getState().lastError?.code).toBe('mic_permission_denied');
    store.apply({ type: 'clear_error' });
    expect(store.getState().lastError).toBeNull();
    store.receive(ev.added('u', 'user', null, []));
    store.apply({ type: 'reset' });
    expect(store.getState()).toMatchObject({ status: 'idle', callId: null, transport: { kind: null, fallback: null } });
    expect(selectOrder(store.getState())).toEqual([]);
  });

  it('gives every store its own state', () => {
    const a = createRealtimeStore();
    const b = createRealtimeStore();
    a.receive(ev.added('u', 'user', null, []));
    expect(selectOrder(b.getState())).toEqual([]);
    expect(a.eventLog).not.toBe(b.eventLog);
  });

  it('eventLogSize 0 turns logging off', () => {
    const store = createRealtimeStore({ eventLogSize: 0 });
    store.receive(ev.simple('input_audio_buffer.cleared'));
    expect(store.eventLog.size).toBe(0);
  });
});

describe('EventLog ring buffer', () => {
  it('keeps the newest entries up to its capacity, oldest first', () => {
    const log = createEventLog(3);
    for (let i = 0; i < 7; i++) log.push({ direction: 'server', type: `t${i}`, event: i });
    expect(log.size).toBe(3);
    expect(log.capacity).toBe(3);
    expect(log.toArray().map((e) => e.type)).toEqual(['t4', 't5', 't6']);
    expect(log.version).toBe(7);
  });

  it('clears and notifies', () => {
    const log = createEventLog(2);
    const listener = vi.fn();
    const off = log.subscribe(listener);
    log.push({ direction: 'client', type: 'a', event: null });
    log.clear();
    expect(log.size).toBe(0);
    expect(log.toArray()).toEqual([]);
    expect(listener).toHaveBeenCalledTimes(2);
    off();
    log.push({ direction: 'client', type: 'b', event: null });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('does not grow: push cost and memory are constant', () => {
    const log = createEventLog(4);
    for (let i = 0; i < 100_000; i++) log.push({ direction: 'server', type: 't', event: i });
    expect(log.size).toBe(4);
    expect(log.toArray().map((e) => e.event)).toEqual([99_996, 99_997, 99_998, 99_999]);
  });
});
