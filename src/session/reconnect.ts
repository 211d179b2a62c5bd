import type { RealtimeError } from '../core/errors.js';
import type { RealtimeState } from '../core/state/types.js';
import type { ClientEvent } from '../core/protocol/events.js';
import { isRecoverable, reconnectDelay, type ReconnectOptions } from './reconnectPolicy.js';

const noop = () => undefined;

/**
 * The opt-in reconnect after a lost call: how many tries are left, the backoff timer, and the transcript replay
 * a resumed call sends (loaded on the first try, during its backoff; sessions that never reconnect never load it).
 */
export function createReconnect(policy: ReconnectOptions | undefined) {
  let tries = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    /** Schedules `run` after the backoff when `error` is worth another call and tries are left. */
    schedule(error: RealtimeError, run: () => void): boolean {
      if (!policy || tries >= policy.attempts || !isRecoverable(error.code)) return false;
      tries++;
      import('./replayTranscript.js').catch(noop);
      timer = setTimeout(
        () => {
          timer = undefined;
          run();
        },
        reconnectDelay(policy, tries),
      );
      return true;
    },
    /** True while a try waits for its backoff. */
    waiting: () => timer !== undefined,
    cancel(): void {
      clearTimeout(timer);
      timer = undefined;
    },
    /** A call came up, or a live one was lost: the next loss gets the full number of tries again. */
    restart(): void {
      tries = 0;
    },
    /** The events that put the conversation so far into the new call. */
    async replay(getState: () => RealtimeState): Promise<ClientEvent[]> {
      const { replayTranscript } = await import('./replayTranscript.js');
      return replayTranscript(getState());
    },
  };
}

export type Reconnect = ReturnType<typeof createReconnect>;
