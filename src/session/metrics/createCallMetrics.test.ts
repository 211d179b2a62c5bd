import { expect, test, vi } from 'vitest';
import { createScriptedTransport } from '../../testing/scripted/createScriptedTransport.js';
import { createEmitter } from '../../transport/createEmitter.js';
import type { Transport, TransportEventMap, TransportFactory } from '../../transport/Transport.js';
import { createRealtimeSession } from '../createRealtimeSession.js';
import { createCallMetrics } from './createCallMetrics.js';

function setup() {
  const scripted = createScriptedTransport({ replies: ['Hello there.', 'Sure.'] });
  const session = createRealtimeSession({ transport: scripted, getClientSecret: async () => 'ek_scripted' });
  let clock = 0;
  const ticks: Array<() => void> = [];
  const metrics = createCallMetrics(session, {
    now: () => (clock += 10),
    setInterval: (callback) => ticks.push(callback),
    clearInterval: () => ticks.splice(0),
  });
  return { scripted, session, metrics, ticks };
}

test('turns from a real session: a spoken turn and a text turn, timed in order', async () => {
  const { scripted, session, metrics } = setup();
  await session.connect();
  scripted.userSays('Hi');
  await scripted.settled();
  session.sendText('And now?');
  // The request goes through the response queue (loaded on demand) before the server sees it.
  await vi.waitFor(() => expect(metrics.store.getState().turns[1]?.marks.responseDoneAt).toBeDefined(), {
    timeout: 5_000,
  });

  const { turns, summary } = metrics.store.getState();
  expect(turns.map((t) => t.kind)).toEqual(['voice', 'text']);
  // No media on this transport: the server's speech_stopped stands in for the user's end, text deltas arrive.
  expect(turns[0]!.timeToFirstTextMs).toBeGreaterThan(0);
  expect(turns[1]!.timeToFirstTextMs).toBeGreaterThan(0);
  expect(summary.timeToFirstText.count).toBe(2);
  metrics.firstSamplePlayed();
  expect(metrics.store.getState().turns[1]!.marks.firstAudioAt).toBeDefined();
  metrics.stop();
  await session.disconnect();
});

test('a transport without getStats reports through reportWebSocketStats; stop ends the listening', async () => {
  const { scripted, session, metrics, ticks } = setup();
  await session.connect();
  ticks[0]!(); // no getStats on this transport: nothing read, nothing thrown
  expect(metrics.store.getState().quality.sample).toBeNull();
  metrics.reportWebSocketStats(35, 300_000);
  expect(metrics.store.getState().quality.verdict).toEqual({ level: 'poor', reason: '300 kB waiting to be sent' });

  metrics.stop();
  expect(ticks).toHaveLength(0);
  const before = metrics.store.getState().turns;
  scripted.userSays('Still there?');
  await scripted.settled();
  expect(metrics.store.getState().turns).toBe(before);
  await session.disconnect();
});

test("over a transport that plays PCM itself, its output_audio_buffer.started marks the agent audible; WebRTC's does not", async () => {
  // The scripted conversation behind a transport that also delivers PCM and reports its player's first sample,
  // as the WebSocket transport does.
  const scripted = createScriptedTransport({ replies: ['Hello there.', 'Sure.'] });
  const emitter = createEmitter<TransportEventMap>();
  const factory: TransportFactory = (context) => {
    const inner: Transport = scripted(context);
    inner.on('message', (raw) => emitter.emit('message', raw));
    return {
      get status() {
        return inner.status;
      },
      connect: (secret, signal) => inner.connect(secret, signal),
      send: (event) => inner.send(event),
      close: () => inner.close(),
      on: emitter.on,
    };
  };
  const session = createRealtimeSession({ transport: factory, getClientSecret: async () => 'ek_scripted' });
  let clock = 0;
  const metrics = createCallMetrics(session, {
    now: () => (clock += 10),
    setInterval: () => 0,
    clearInterval: () => {},
  });
  await session.connect();
  const started = () =>
    emitter.emit('message', JSON.stringify({ type: 'output_audio_buffer.started', response_id: 'r' }));

  scripted.userSays('Hi');
  await scripted.settled();
  started(); // no PCM delivered: this is a WebRTC server's "started sending", not audio heard
  expect(metrics.store.getState().turns[0]!.marks.firstAudioAt).toBeUndefined();

  scripted.userSays('Again');
  await scripted.settled();
  emitter.emit('output_audio', {
    itemId: 'i',
    responseId: 'r',
    contentIndex: 0,
    samples: new Int16Array(480),
    sampleRate: 24000,
  });
  started();
  const turn = metrics.store.getState().turns[1]!;
  expect(turn.marks.firstAudioAt).toBeGreaterThan(turn.marks.responseCreatedAt!);
  expect(turn.voiceToVoiceMs).toBeGreaterThan(0);
  metrics.stop();
  await session.disconnect();
});

test('on WebRTC, from response.created until the agent is heard, the output level is read every 10 ms', async () => {
  const scripted = createScriptedTransport({ replies: ['Hello there.'] });
  const session = createRealtimeSession({ transport: scripted, getClientSecret: async () => 'ek_scripted' });
  let level = 0;
  let clock = 0;
  (session as { getOutputLevel: () => number }).getOutputLevel = () => level;
  const timers = new Map<number, { callback: () => void; ms: number }>();
  let next = 0;
  const metrics = createCallMetrics(session, {
    now: () => clock,
    setInterval: (callback, ms) => {
      timers.set(++next, { callback, ms });
      return next;
    },
    clearInterval: (handle) => timers.delete(handle as number),
  });
  const fine = () => [...timers.values()].filter((t) => t.ms === 10);
  await session.connect();
  expect(fine()).toHaveLength(0);
  scripted.userSays('Hi');
  await scripted.settled();
  expect(fine()).toHaveLength(1);
  clock = 1_000;
  fine()[0]!.callback();
  expect(metrics.store.getState().turns[0]!.marks.firstAudioAt).toBeUndefined();
  clock = 1_010;
  level = 0.5;
  fine()[0]!.callback();
  expect(metrics.store.getState().turns[0]!.marks.firstAudioAt).toBe(1_010);
  expect(fine()).toHaveLength(0); // heard: back to the 50 ms levels
  metrics.stop();
  expect(timers.size).toBe(0);
  await session.disconnect();
});
