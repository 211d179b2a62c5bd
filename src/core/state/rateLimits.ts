import { isObject } from '../protocol/guards.js';
import type { RateLimitState } from './types.js';

const finite = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * The entries of a `rate_limits.updated` event, each field checked (a field that is not a finite number is left
 * undefined); undefined when `list` is not an array. At most eight entries (OpenAI sends one or two), so hostile
 * input cannot grow the state.
 */
export function readRateLimits(list: unknown): RateLimitState[] | undefined {
  if (!Array.isArray(list)) return undefined;
  const out: RateLimitState[] = [];
  for (const r of list.slice(0, 8))
    if (isObject(r) && typeof r['name'] === 'string')
      out.push({
        name: r['name'].slice(0, 64),
        limit: finite(r['limit']),
        remaining: finite(r['remaining']),
        resetSeconds: finite(r['reset_seconds']),
      });
  return out;
}
