import { describe, expect, it, vi } from 'vitest';
import type { RealtimeError } from '../core/errors.js';
import { createSilentMicCheck, watchSilentMic } from './silentMic.js';

describe('createSilentMicCheck', () => {
  it('exact silence for silentMs warns once per silent stretch', () => {
    const check = createSilentMicCheck(1_000);
    expect(check.observe(0, 0)).toBe(false);
    expect(check.observe(999, 0)).toBe(false);
    expect(check.observe(1_000, 0)).toBe(true);
    expect(check.observe(5_000, 0)).toBe(false);
    expect(check.observe(5_100, 0.01)).toBe(false); // sound: the next silent stretch may warn again
    expect(check.observe(5_200, 0)).toBe(false);
    expect(check.observe(6_200, 0)).toBe(true);
  });

  it('a quiet room is not silence: any level above 0 restarts the count', () => {
    const check = createSilentMicCheck(1_000);
    for (let t = 0; t < 10_000; t += 250) expect(check.observe(t, t % 750 === 0 ? 0.0001 : 0)).toBe(false);
  });

  it('readings that cannot be judged (muted, push-to-talk released, audio suspended) restart the count', () => {
    const check = createSilentMicCheck(1_000);
    check.observe(0, 0);
    expect(check.observe(900, null)).toBe(false);
    expect(check.observe(1_500, 0)).toBe(false);
    expect(check.observe(2_400, 0)).toBe(false);
    expect(check.observe(2_500, 0)).toBe(true);
  });
});

describe('watchSilentMic', () => {
  it('warns with mic_silent and a message that says what to do; stop() ends polling', () => {
    let tick: (() => void) | null = null;
    let clock = 0;
    const onSilent = vi.fn<(warning: RealtimeError) => void>();
    const cleared: unknown[] = [];
    const stop = watchSilentMic({
      level: () => 0,
      onSilent,
      silentMs: 2_000,
      now: () => clock,
      setInterval: (callback) => {
        tick = callback;
        return 7;
      },
      clearInterval: (handle) => cleared.push(handle),
    });
    for (; clock <= 2_000; clock += 250) tick!();
    expect(onSilent).toHaveBeenCalledTimes(1);
    const warning = onSilent.mock.calls[0]![0];
    expect(warning.code).toBe('mic_silent');
    expect(warning.message).toMatch(/only silence for 2 s.*pick another input/);
    stop();
    expect(cleared).toEqual([7]);
  });
});
