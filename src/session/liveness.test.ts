import { describe, expect, it, vi } from 'vitest';
import type { RealtimeError } from '../core/errors.js';
import { createLivenessCheck, readLivenessSample, watchLiveness } from './liveness.js';
import { startLazily } from './startLazily.js';

const chromium = (bytesReceived: number, requestsSent: number, responsesReceived: number) => ({
  bytesReceived,
  requestsSent,
  responsesReceived,
});

describe('createLivenessCheck', () => {
  it('a quiet call whose consent checks are answered never counts as dead (Chromium: a check every 2.5 s)', () => {
    const check = createLivenessCheck(3_500);
    let sent = 3;
    for (let t = 0; t <= 60_000; t += 500) {
      if (t % 2_500 === 0) sent++;
      // The answer arrives within the same reading; the bytes never move (no media, no events).
      expect(check.observe(t, chromium(1_887, sent, sent), false)).toBe(false);
    }
  });

  it('a quiet call with a slow answer (one check outstanding past the silence) is not dead', () => {
    const check = createLivenessCheck(3_500);
    expect(check.observe(0, chromium(100, 5, 5), false)).toBe(false);
    expect(check.observe(4_000, chromium(100, 6, 5), false)).toBe(false);
    expect(check.observe(4_500, chromium(100, 6, 6), false)).toBe(false);
  });

  it('silence with unanswered consent checks is a dead server, quiet or not, once silenceMs has passed', () => {
    const check = createLivenessCheck(3_500);
    expect(check.observe(0, chromium(31_134, 7, 7), true)).toBe(false);
    expect(check.observe(2_500, chromium(31_134, 9, 7), false)).toBe(false); // too early
    expect(check.observe(3_000, chromium(31_134, 12, 7), false)).toBe(false);
    expect(check.observe(3_500, chromium(31_134, 16, 7), false)).toBe(true);
    expect(check.silentFor(3_500)).toBe(3_500);
  });

  it('any byte or answered check from the server restarts the silence', () => {
    const check = createLivenessCheck(1_000);
    check.observe(0, chromium(10, 1, 1), false);
    expect(check.observe(900, chromium(10, 3, 1), false)).toBe(false);
    expect(check.observe(1_000, chromium(11, 4, 1), false)).toBe(false); // RTCP arrived
    expect(check.observe(1_900, chromium(11, 6, 1), false)).toBe(false);
    expect(check.observe(2_000, chromium(11, 6, 2), false)).toBe(false); // a check answered
    expect(check.observe(3_000, chromium(11, 8, 2), false)).toBe(true);
  });

  it('without consent counters (Firefox), silence is a dead server only while a response streams', () => {
    const quiet = createLivenessCheck(3_500);
    quiet.observe(0, { bytesReceived: 500 }, false);
    expect(quiet.observe(60_000, { bytesReceived: 500 }, false)).toBe(false);

    const streaming = createLivenessCheck(3_500);
    streaming.observe(0, { bytesReceived: 500 }, true);
    expect(streaming.observe(3_000, { bytesReceived: 500 }, true)).toBe(false);
    expect(streaming.observe(3_500, { bytesReceived: 500 }, true)).toBe(true);
  });

  it('no reading (no peer, no selected pair) is no judgement', () => {
    const check = createLivenessCheck(100);
    expect(check.observe(0, null, true)).toBe(false);
    expect(check.observe(10_000, null, true)).toBe(false);
    expect(check.silentFor(10_000)).toBe(0);
  });
});

describe('readLivenessSample', () => {
  const report = (records: object[]) => new Map(records.map((r, i) => [String(i), r]));

  it("reads the transport's selected pair, with Chromium's consent counters", () => {
    const sample = readLivenessSample(
      report([
        {
          type: 'candidate-pair',
          id: 'a',
          bytesReceived: 1,
          requestsSent: 1,
          responsesReceived: 0,
          nominated: true,
          state: 'succeeded',
        },
        { type: 'candidate-pair', id: 'b', bytesReceived: 2_146, requestsSent: 5, responsesReceived: 5 },
        { type: 'transport', selectedCandidatePairId: 'b', bytesReceived: 2_146 },
      ]),
    );
    expect(sample).toEqual({ bytesReceived: 2_146, requestsSent: 5, responsesReceived: 5 });
  });

  it('falls back to the pair marked selected, and leaves out counters Firefox does not keep', () => {
    const sample = readLivenessSample(
      report([
        { type: 'candidate-pair', id: 'x', bytesReceived: 9, selected: false },
        {
          type: 'candidate-pair',
          id: 'y',
          bytesReceived: 27_951,
          responsesReceived: 1,
          selected: true,
          nominated: true,
          state: 'succeeded',
        },
        { type: 'data-channel', messagesReceived: 22 },
      ]),
    );
    expect(sample).toEqual({ bytesReceived: 27_951 });
  });

  it('null without a usable pair', () => {
    expect(readLivenessSample(report([]))).toBeNull();
    expect(readLivenessSample(report([{ type: 'candidate-pair', id: 'q', selected: true }]))).toBeNull();
  });
});

describe('watchLiveness', () => {
  function harness(samples: () => object[], expecting = false) {
    let tick: (() => void) | null = null;
    let clock = 0;
    const onDead = vi.fn<(error: RealtimeError) => void>();
    const cleared: unknown[] = [];
    const stop = watchLiveness({
      getStats: () => Promise.resolve(new Map(samples().map((s, i) => [String(i), s]))),
      expecting: () => expecting,
      silenceMs: 1_000,
      onDead,
      now: () => clock,
      setInterval: (callback) => {
        tick = callback;
        return 'handle';
      },
      clearInterval: (handle) => cleared.push(handle),
    });
    const advance = async (ms: number) => {
      clock += ms;
      tick!();
      await Promise.resolve();
      await Promise.resolve();
    };
    return { advance, onDead, cleared, stop };
  }

  it('stops at a WebSocket report: a socket has no candidate pair, and each reading would send a probe', async () => {
    let reads = 0;
    const h = harness(() => {
      reads++;
      return [{ id: 'websocket', type: 'websocket', bufferedAmount: 0 }];
    });
    await h.advance(0);
    expect(h.cleared).toEqual(['handle']);
    expect(reads).toBe(1);
    expect(h.onDead).not.toHaveBeenCalled();
  });

  it('reports a dead server once, with a connection_failed error that says what to do, and stops polling', async () => {
    let sent = 1;
    const h = harness(() => [
      { type: 'candidate-pair', selected: true, bytesReceived: 5, requestsSent: sent, responsesReceived: 1 },
    ]);
    await h.advance(0);
    sent = 4;
    await h.advance(500);
    expect(h.onDead).not.toHaveBeenCalled();
    await h.advance(500);
    expect(h.onDead).toHaveBeenCalledTimes(1);
    const error = h.onDead.mock.calls[0]![0];
    expect(error.code).toBe('connection_failed');
    expect(error.message).toMatch(/stopped answering.*1\.0 s.*connect again/);
    expect(h.cleared).toEqual(['handle']);
    await h.advance(5_000);
    expect(h.onDead).toHaveBeenCalledTimes(1);
  });

  it('stop() before a pending reading settles: nothing is reported', async () => {
    const h = harness(() => [{ type: 'candidate-pair', selected: true, bytesReceived: 5 }], true);
    await h.advance(0);
    h.stop();
    await h.advance(10_000);
    expect(h.onDead).not.toHaveBeenCalled();
  });

  it('a peer that cannot report stats (test doubles, closed peers) is never judged', async () => {
    const onDead = vi.fn<(error: RealtimeError) => void>();
    let tick: (() => void) | null = null;
    watchLiveness({
      getStats: () => undefined,
      expecting: () => true,
      silenceMs: 0,
      onDead,
      setInterval: (callback) => (tick = callback),
      clearInterval: () => undefined,
    });
    tick!();
    tick!();
    expect(onDead).not.toHaveBeenCalled();
  });
});

describe('startLazily', () => {
  it('stopped before its module loads, the watcher is stopped as soon as it starts', async () => {
    const stopWatcher = vi.fn();
    let load!: (stop: () => void) => void;
    const stop = startLazily(() => new Promise((resolve) => (load = resolve)));
    stop();
    load(stopWatcher);
    await Promise.resolve();
    expect(stopWatcher).toHaveBeenCalledTimes(1);
  });

  it('loads the liveness check on demand and polls until stopped', async () => {
    const getStats = vi.fn(() => undefined);
    const stop = startLazily(() =>
      import('./liveness.js').then(({ watchLiveness }) =>
        watchLiveness({ getStats, expecting: () => false, onDead: vi.fn(), intervalMs: 1 }),
      ),
    );
    await vi.waitFor(() => expect(getStats).toHaveBeenCalled(), { timeout: 5_000 });
    stop();
    const calls = getStats.mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(getStats.mock.calls.length).toBe(calls);
  });

  it('a module that fails to load is no error', async () => {
    const stop = startLazily(() => Promise.reject(new Error('offline')));
    await Promise.resolve();
    stop();
  });
});
