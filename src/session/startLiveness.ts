import type { LivenessWatchOptions } from './liveness.js';

/**
 * How long the server may send nothing before a live call counts as lost, unless `disconnectGraceMs` says
 * otherwise. Chromium checks consent every 2.5 s on a quiet call and answers arrive within a round trip, so a
 * healthy call never comes near it; without this check Chromium reported a dead server about 16 s late
 * (6 s to `disconnected`, then the 10 s grace).
 */
export const DEFAULT_SILENCE_MS = 3_500;

/**
 * Starts the dead-server check once its module has loaded: a call needs it only after it is connected, so its
 * bytes are not part of what a page loads up front. The returned stop function works before and after the load.
 */
export function startLiveness(
  options: Omit<LivenessWatchOptions, 'silenceMs'> & { silenceMs: number | undefined },
): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  import('./liveness.js').then(
    ({ watchLiveness }) => {
      if (!stopped) stop = watchLiveness({ ...options, silenceMs: options.silenceMs ?? DEFAULT_SILENCE_MS });
    },
    () => undefined, // without the check, the browser's own `disconnected` and the grace period still end the call
  );
  return () => {
    stopped = true;
    stop?.();
  };
}
