import { RealtimeError } from '../../core/errors.js';
import type { WaitableType, WaitedEvent, WaitForOptions } from './types.js';

export type Listen = <T extends WaitableType>(type: T, handler: (event: WaitedEvent<T>) => void) => () => void;

/**
 * The rest of `waitFor`, loaded with the session's features: the session listened from the moment `waitFor` was
 * called and kept what came meanwhile (`seen`, with its listener `stop`), so nothing is missed while this loads.
 */
export function finishWaitFor<T extends WaitableType>(
  listen: Listen,
  type: T,
  { predicate, timeoutMs, signal }: WaitForOptions<T> = {},
  seen: readonly WaitedEvent<T>[],
  stop: () => void,
): Promise<WaitedEvent<T>> {
  return new Promise((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let off = stop;
    let done = false;
    const settle = (error: RealtimeError | null, event?: WaitedEvent<T>) => {
      done = true;
      off();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(event!);
    };
    const onAbort = () =>
      settle(new RealtimeError('aborted', `Stopped waiting for "${type}": the signal was aborted.`));
    const check = (event: WaitedEvent<T>) => {
      if (!predicate || predicate(event)) settle(null, event);
    };
    if (signal?.aborted) return onAbort();
    for (const event of seen) {
      check(event);
      if (done) return;
    }
    stop();
    off = listen(type, check);
    signal?.addEventListener('abort', onAbort);
    if (timeoutMs !== undefined) {
      timer = setTimeout(
        () =>
          settle(
            new RealtimeError(
              'wait_timeout',
              `No "${type}" came within ${timeoutMs} ms; check the session is connected, or wait longer.`,
            ),
          ),
        timeoutMs,
      );
    }
  });
}
