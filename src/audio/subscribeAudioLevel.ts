import type { ConnectionStatus } from '../core/state/types.js';

/** What metering reads from a session (a `RealtimeSession` is one). */
export interface AudioLevelSource {
  getInputLevel(): number;
  getOutputLevel(): number;
  subscribeLevels(listener: () => void): () => void;
  readonly store: {
    subscribe(
      listener: (state: { status: ConnectionStatus }, previous: { status: ConnectionStatus }) => void,
    ): () => void;
  };
}

export type AudioLevelKind = 'input' | 'output';

export interface AudioLevelSubscribeOptions {
  /** Write at most this often (ms). Defaults to every animation frame, or 250 ms under `prefers-reduced-motion`. */
  minIntervalMs?: number;
}

/**
 * Calls `listener(level)` at most once per animation frame, and only when the level changed. Wakes up on the
 * session's level notifications and on status changes (levels fall to 0 after a hang-up), so an idle session
 * costs nothing. No React involved: write the value straight to the DOM.
 */
export function subscribeAudioLevel(
  session: AudioLevelSource,
  kind: AudioLevelKind,
  listener: (level: number) => void,
  options: AudioLevelSubscribeOptions = {},
): () => void {
  const read = kind === 'input' ? () => session.getInputLevel() : () => session.getOutputLevel();
  const minInterval = options.minIntervalMs ?? (prefersReducedMotion() ? 250 : 0);
  const raf: (cb: (now: number) => void) => number =
    typeof requestAnimationFrame === 'function'
      ? (cb) => requestAnimationFrame(cb)
      : (cb) => setTimeout(() => cb(Date.now()), 16) as unknown as number;
  const cancelRaf: (id: number) => void =
    typeof cancelAnimationFrame === 'function' ? (id) => cancelAnimationFrame(id) : (id) => clearTimeout(id);

  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = Number.NaN;
  let lastWrite = Number.NEGATIVE_INFINITY;

  const flush = (now: number) => {
    frame = 0;
    const wait = lastWrite + minInterval - now;
    if (wait > 0) {
      if (timer === undefined) {
        timer = setTimeout(() => {
          timer = undefined;
          schedule();
        }, wait);
      }
      return;
    }
    const level = read();
    if (level !== last) {
      last = level;
      lastWrite = now;
      listener(level);
    }
  };
  const schedule = () => {
    if (frame === 0 && timer === undefined) frame = raf(flush);
  };

  const offLevels = session.subscribeLevels(schedule);
  const offStatus = session.store.subscribe((state, previous) => {
    if (state.status !== previous.status) schedule();
  });
  schedule();

  return () => {
    offLevels();
    offStatus();
    if (frame !== 0) cancelRaf(frame);
    if (timer !== undefined) clearTimeout(timer);
    frame = 0;
    timer = undefined;
  };
}

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}
