import type { RealtimeError } from '../core/errors.js';
import { watchLiveness, type LivenessWatchOptions } from './liveness.js';
import type { SessionAudioEngine } from './SessionAudioEngine.js';
import { watchSilentMic } from './silentMic.js';

export interface ConnectedChecksOptions {
  peer: () => { getStats?: LivenessWatchOptions['getStats'] } | null;
  /** True while a response is streaming. */
  responding: () => boolean;
  engine: () => SessionAudioEngine | null;
  /** True while the mic should be sending (not muted, push-to-talk held or off). */
  micOn: () => boolean;
  silenceMs: number | undefined;
  lost: (error: RealtimeError) => void;
  warn: (warning: RealtimeError) => void;
}

/**
 * The checks a connected call runs, loaded on demand once it is connected: a dead server (`liveness.ts`) and a
 * microphone that sends only digital silence (`silentMic.ts`). Returns one stop function for both.
 */
export function watchConnected(options: ConnectedChecksOptions): () => void {
  const stopLiveness = watchLiveness({
    getStats: () => options.peer()?.getStats?.(),
    expecting: options.responding,
    silenceMs: options.silenceMs,
    onDead: options.lost,
  });
  const stopSilentMic = watchSilentMic({
    level: () => {
      const engine = options.engine();
      return options.micOn() && engine?.context?.state === 'running' ? engine.getInputLevel() : null;
    },
    onSilent: options.warn,
  });
  return () => {
    stopLiveness();
    stopSilentMic();
  };
}
