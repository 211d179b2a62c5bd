import { RealtimeError } from '../core/errors.js';

/**
 * How long an open, unmuted microphone may deliver exact digital silence before the session warns. A real
 * microphone always has a noise floor; only a broken capture reads exactly 0 (iOS after an audio route change,
 * e.g. AirPods connecting mid-call, or a device another app holds).
 */
export const DEFAULT_SILENT_MIC_MS = 4_000;
const POLL_MS = 250;

export interface SilentMicCheck {
  /**
   * One reading at `now` (ms): the mic level (0..1), or null when it cannot be judged (muted, push-to-talk not
   * held, audio not running). True once per silent stretch, when it has lasted `silentMs`.
   */
  observe(now: number, level: number | null): boolean;
}

export function createSilentMicCheck(silentMs: number): SilentMicCheck {
  let silentSince = Number.NaN;
  let reported = false;
  return {
    observe(now, level) {
      if (level === null) {
        silentSince = Number.NaN;
        return false;
      }
      if (level > 0) {
        silentSince = Number.NaN;
        reported = false;
        return false;
      }
      if (Number.isNaN(silentSince)) silentSince = now;
      if (reported || now - silentSince < silentMs) return false;
      reported = true;
      return true;
    },
  };
}

export interface SilentMicWatchOptions {
  /** The mic level now, or null when it cannot be judged. */
  level(): number | null;
  onSilent(warning: RealtimeError): void;
  silentMs?: number;
  now?: () => number;
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/** Polls the mic level and warns (`mic_silent`) when the mic sends only silence. Returns a stop function. */
export function watchSilentMic(options: SilentMicWatchOptions): () => void {
  const now = options.now ?? (() => performance.now());
  const every = options.setInterval ?? ((callback: () => void, ms: number) => setInterval(callback, ms));
  const cancel =
    options.clearInterval ?? ((handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>));
  const silentMs = options.silentMs ?? DEFAULT_SILENT_MIC_MS;
  const check = createSilentMicCheck(silentMs);
  const handle = every(() => {
    if (!check.observe(now(), options.level())) return;
    options.onSilent(
      new RealtimeError(
        'mic_silent',
        `The microphone has sent only silence for ${silentMs / 1000} s. Check that the right input is chosen and not in use by another app (on iPhone, reconnecting headphones can do this), or pick another input.`,
      ),
    );
  }, POLL_MS);
  return () => cancel(handle);
}
