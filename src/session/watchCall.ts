/** OpenAI ends a Realtime session after 60 minutes. */
export const DEFAULT_SESSION_LIMIT_MS = 60 * 60_000;
export const DEFAULT_SESSION_WARN_BEFORE_MS = 60_000;
/** How long a peer may stay `disconnected` (a network blip) before the call counts as lost. */
export const DEFAULT_DISCONNECT_GRACE_MS = 10_000;

export interface SessionLimitOptions {
  /** Session length the server allows, counted from when the call is ready (OpenAI: 60 min). */
  limitMs?: number;
  /** When to emit `session_limit_warning` before the limit (default 1 min). */
  warnBeforeMs?: number;
}

export interface CallWatchOptions {
  onConnectionState(listener: (state: RTCPeerConnectionState) => void): () => void;
  micTrack: MediaStreamTrack | null;
  graceMs: number;
  limit: SessionLimitOptions | false | undefined;
  onDisconnectedTooLong(graceMs: number): void;
  onMicEnded(): void;
  onLimitWarning(remainingMs: number): void;
  onLimitReached(limitMs: number): void;
}

/**
 * Watches a live call for what ends it from outside: a peer stuck in `disconnected` past the grace period, the
 * microphone going away (unplugged, permission revoked), and the session's duration limit. Returns a stop
 * function that clears every timer and listener.
 */
export function watchCall(options: CallWatchOptions): () => void {
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const timers: Array<ReturnType<typeof setTimeout>> = [];
  const stopState = options.onConnectionState((state) => {
    if (state === 'disconnected') {
      if (graceTimer === undefined) {
        graceTimer = setTimeout(() => {
          graceTimer = undefined;
          options.onDisconnectedTooLong(options.graceMs);
        }, options.graceMs);
      }
    } else if (state === 'connected' && graceTimer !== undefined) {
      clearTimeout(graceTimer);
      graceTimer = undefined;
    }
  });

  // Injected test doubles and some wrappers are not EventTargets; those simply are not watched.
  const track = typeof options.micTrack?.addEventListener === 'function' ? options.micTrack : null;
  const onEnded = () => options.onMicEnded();
  track?.addEventListener('ended', onEnded);

  if (options.limit !== false) {
    const limitMs = options.limit?.limitMs ?? DEFAULT_SESSION_LIMIT_MS;
    const warnBeforeMs = Math.min(limitMs, options.limit?.warnBeforeMs ?? DEFAULT_SESSION_WARN_BEFORE_MS);
    timers.push(setTimeout(() => options.onLimitWarning(warnBeforeMs), limitMs - warnBeforeMs));
    timers.push(setTimeout(() => options.onLimitReached(limitMs), limitMs));
  }

  return () => {
    stopState();
    track?.removeEventListener('ended', onEnded);
    clearTimeout(graceTimer);
    for (const timer of timers) clearTimeout(timer);
    timers.length = 0;
  };
}
