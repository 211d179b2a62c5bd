/** Opt-in automatic reconnection after a call is lost (channel closed, peer failed, network gone too long). */
export interface ReconnectOptions {
  /** How many new calls to try before giving up with status `failed` (0 turns reconnection off). */
  attempts: number;
  /**
   * Wait before each try, in ms: a number (the first wait, doubled each time, at most 8 s) or a function of the
   * try number (1-based). Default 500.
   */
  backoff?: number | ((attempt: number) => number);
}

const MAX_BACKOFF_MS = 8_000;

/** The wait before try `attempt` (1-based). */
export function reconnectDelay(options: ReconnectOptions, attempt: number): number {
  const backoff = options.backoff ?? 500;
  const ms = typeof backoff === 'function' ? backoff(attempt) : Math.min(MAX_BACKOFF_MS, backoff * 2 ** (attempt - 1));
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** Losses worth a new call: the connection went away. Errors the user must fix (mic, key, config) are not. */
export function isRecoverable(code: string): boolean {
  return (
    code === 'data_channel_closed' ||
    code === 'connection_failed' ||
    code === 'connect_timeout' ||
    code === 'sdp_rejected' ||
    code === 'client_secret_failed'
  );
}
