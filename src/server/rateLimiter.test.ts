import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rateLimiter.js';

describe('createRateLimiter', () => {
  it('allows a burst of max, then one per windowMs / max, per identity', () => {
    let t = 0;
    const limiter = createRateLimiter({ max: 10, windowMs: 60_000 }, () => t);
    for (let i = 0; i < 10; i++) expect(limiter.take('ada')).toBe(0);
    expect(limiter.take('ada')).toBe(6000);
    expect(limiter.take('bob')).toBe(0);
    t = 3000;
    expect(limiter.take('ada')).toBe(3000);
    t = 6000;
    expect(limiter.take('ada')).toBe(0);
    expect(limiter.take('ada')).toBe(6000);
    // A full window later the whole burst is back, never more.
    t = 600_000;
    for (let i = 0; i < 10; i++) expect(limiter.take('ada')).toBe(0);
    expect(limiter.take('ada')).toBeGreaterThan(0);
  });

  it('refuses nonsense limits when created', () => {
    expect(() => createRateLimiter({ max: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => createRateLimiter({ max: 1.5, windowMs: 1000 })).toThrow(RangeError);
    expect(() => createRateLimiter({ max: 1, windowMs: Number.NaN })).toThrow(RangeError);
  });

  it('forgets the least recently seen identity beyond 10,000, keeping memory bounded', () => {
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000 }, () => 0);
    expect(limiter.take('first')).toBe(0);
    for (let i = 0; i < 10_000; i++) limiter.take(`user${i}`);
    // `first` was dropped, so it starts afresh; a recent identity is still limited.
    expect(limiter.take('first')).toBe(0);
    expect(limiter.take('user9999')).toBeGreaterThan(0);
  });
});
