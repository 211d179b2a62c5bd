/**
 * Starts a watcher whose module loads on demand: checks a call needs only once it is connected stay out of what
 * a page loads up front. The returned stop function works before and after the load; a module that fails to
 * load leaves the call without that check (the browser's own states and the grace period still end it).
 */
export function startLazily(start: () => Promise<() => void>): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  start().then(
    (stopWatcher) => {
      if (stopped) stopWatcher();
      else stop = stopWatcher;
    },
    () => undefined,
  );
  return () => {
    stopped = true;
    stop?.();
  };
}
