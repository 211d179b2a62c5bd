import type { RealtimeStore } from '../core/state/store.js';

/** The part of an `AudioContext` the block watches. */
export type WatchedAudioContext = Pick<BaseAudioContext, 'state' | 'addEventListener' | 'removeEventListener'>;

/**
 * Keeps `state.output.playbackBlocked` true while the browser holds any of the session's audio back until a
 * user gesture: the `<audio>` element's `play()` was refused (Safari, iOS), or the session's `AudioContext`
 * stays suspended, which silences both level meters. Chromium is the second case: it plays a WebRTC stream
 * without a gesture but starts a context created without one suspended. `resumeAudio()` from a click clears
 * both.
 */
export function createPlaybackBlock(store: RealtimeStore) {
  let elementRefused = false;
  let context: WatchedAudioContext | null = null;

  const update = () => {
    const suspended = context !== null && context.state !== 'running' && context.state !== 'closed';
    const blocked = elementRefused || suspended;
    if (store.getState().output.playbackBlocked !== blocked)
      store.apply({ type: 'output', patch: { playbackBlocked: blocked } });
  };

  return {
    /** The `<audio>` element started (`true`) or its `play()` was refused (`false`). */
    element(played: boolean): void {
      elementRefused = !played;
      update();
    },
    /**
     * Follows `ctx` from now on. Call it once the call's audio is up (a context allowed to run is running by
     * then). The returned function stops watching and clears the block: without a call nothing is held.
     */
    watch(ctx: WatchedAudioContext | null): () => void {
      context?.removeEventListener('statechange', update);
      context = ctx;
      ctx?.addEventListener('statechange', update);
      update();
      return () => {
        if (context !== ctx) return;
        ctx?.removeEventListener('statechange', update);
        context = null;
        elementRefused = false;
        update();
      };
    },
  };
}

export type PlaybackBlock = ReturnType<typeof createPlaybackBlock>;
