export interface RateLimit {
  /** Mints allowed per identity in each `windowMs`; a burst of `max` is allowed, then one per `windowMs / max`. */
  max: number;
  windowMs: number;
}

export const DEFAULT_RATE_LIMIT: RateLimit = { max: 10, windowMs: 60_000 };
// Identities come from the app's own authorize; this only keeps a flood of them from growing memory forever.
const MAX_TRACKED = 10_000;

export interface RateLimiter {
  /** Takes one mint for `identity`; 0 when allowed, else the milliseconds until the next one would be. */
  take(identity: string): number;
}

/** A token bucket per identity: `max` tokens, refilled continuously at `max` per `windowMs`. */
export function createRateLimiter(limit: RateLimit, now: () => number = Date.now): RateLimiter {
  if (!(Number.isInteger(limit.max) && limit.max > 0 && Number.isFinite(limit.windowMs) && limit.windowMs > 0)) {
    throw new RangeError(
      `rateLimit needs a whole max above 0 and a windowMs above 0 (or false); got ${JSON.stringify(limit)}.`,
    );
  }
  const perToken = limit.windowMs / limit.max;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(identity) {
      const t = now();
      const bucket = buckets.get(identity);
      let tokens = limit.max;
      if (bucket) {
        tokens = Math.min(limit.max, bucket.tokens + (t - bucket.at) / perToken);
        // Re-inserted below, so the Map's order is least recently used first.
        buckets.delete(identity);
      }
      if (tokens < 1) {
        buckets.set(identity, { tokens, at: t });
        return Math.ceil((1 - tokens) * perToken);
      }
      buckets.set(identity, { tokens: tokens - 1, at: t });
      if (buckets.size > MAX_TRACKED) {
        const oldest = buckets.keys().next().value;
        if (oldest !== undefined) buckets.delete(oldest);
      }
      return 0;
    },
  };
}
