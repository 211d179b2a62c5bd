import { expect, test, vi } from 'vitest';
import { createScriptedTransport } from '../../testing/scripted/createScriptedTransport.js';
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
  await vi.waitFor(() => expect(metrics.store.getState().turns[1]?.marks.responseDoneAt).toBeDefined());

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
