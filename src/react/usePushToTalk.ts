'use client';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { RealtimeSession } from '../session/types.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';

export interface PushToTalkOptions {
  /** `KeyboardEvent.code` that talks while pressed (`'Space'`, `'KeyT'`, ...); `null` for no shortcut. Default `'Space'`. */
  key?: string | null;
  /** `hold`: talk while pressed. `toggle`: one press starts, the next one sends. Default `hold`. */
  mode?: 'hold' | 'toggle';
  /** Set false to ignore the shortcut (e.g. while a dialog is open). Default true. */
  enabled?: boolean;
  /** @deprecated Pass the session last, as every hook takes it: `usePushToTalk(options, session)`. */
  session?: RealtimeSession;
}

export interface PushToTalkControls {
  talking: boolean;
  start: () => void;
  /** Ends the turn: commits it and asks for an answer (presses under 150 ms are dropped). */
  stop: () => void;
  toggle: () => void;
  /** Spread on a `<button>`: press and hold with mouse, touch or pen; Enter/Space while focused. */
  buttonProps: {
    type: 'button';
    'aria-pressed': boolean;
    'data-state': 'talking' | 'idle';
    onPointerDown: (event: PointerEvent<HTMLElement>) => void;
    onPointerUp: () => void;
    onPointerCancel: () => void;
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
    onKeyUp: (event: KeyboardEvent<HTMLElement>) => void;
  };
}

/** Typing in a field must not talk. */
function isEditable(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

/**
 * Push-to-talk. The first press switches the session to push-to-talk (turn detection off); while released the
 * mic sends nothing, each press clears the input buffer (and cuts the agent off if it is answering), and the
 * release commits the turn and asks for a response. Switch back with `session.setTurnDetection('server_vad')`.
 */
export function usePushToTalk(options: PushToTalkOptions = {}, sessionArg?: RealtimeSession): PushToTalkControls {
  const session = useEnsureRealtimeSession(sessionArg ?? options.session);
  const key = options.key === undefined ? 'Space' : options.key;
  const mode = options.mode ?? 'hold';
  const enabled = options.enabled ?? true;
  const [talking, setTalking] = useState(false);
  const talkingRef = useRef(false);

  const start = useCallback(() => {
    if (talkingRef.current || session.store.getState().status !== 'connected') return;
    talkingRef.current = true;
    setTalking(true);
    session.startTalking();
  }, [session]);
  const stop = useCallback(() => {
    if (!talkingRef.current) return;
    talkingRef.current = false;
    setTalking(false);
    session.stopTalking();
  }, [session]);
  const toggle = useCallback(() => (talkingRef.current ? stop() : start()), [start, stop]);

  useEffect(() => {
    if (!enabled || key === null || typeof window === 'undefined') return;
    const onDown = (event: globalThis.KeyboardEvent) => {
      if (event.code !== key || event.repeat || isEditable(event.target)) return;
      event.preventDefault();
      if (mode === 'toggle') toggle();
      else start();
    };
    const onUp = (event: globalThis.KeyboardEvent) => {
      if (event.code !== key || mode !== 'hold' || isEditable(event.target)) return;
      event.preventDefault();
      stop();
    };
    // A key released in another window never sends keyup here: end the turn when focus leaves.
    const onBlur = () => {
      if (mode === 'hold') stop();
    };
    window.addEventListener('keydown', onDown);
    window.addEventListener('keyup', onUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onDown);
      window.removeEventListener('keyup', onUp);
      window.removeEventListener('blur', onBlur);
    };
  }, [enabled, key, mode, start, stop, toggle]);

  // Leaving the page mid-press must not leave the mic open.
  useEffect(() => () => stop(), [stop]);

  const buttonProps = useMemo<PushToTalkControls['buttonProps']>(
    () => ({
      type: 'button',
      'aria-pressed': talking,
      'data-state': talking ? 'talking' : 'idle',
      onPointerDown: (event) => {
        if (event.button !== 0) return;
        if (mode === 'toggle') toggle();
        else {
          // Keep receiving pointerup even if the pointer slides off the button.
          event.currentTarget.setPointerCapture?.(event.pointerId);
          start();
        }
      },
      onPointerUp: () => {
        if (mode === 'hold') stop();
      },
      onPointerCancel: () => {
        if (mode === 'hold') stop();
      },
      // Enter/Space on the focused button, unless that key is the global shortcut (already handled).
      onKeyDown: (event) => {
        if ((event.code !== 'Enter' && event.code !== 'Space') || event.code === key || event.repeat) return;
        event.preventDefault();
        if (mode === 'toggle') toggle();
        else start();
      },
      onKeyUp: (event) => {
        if ((event.code !== 'Enter' && event.code !== 'Space') || event.code === key) return;
        event.preventDefault();
        if (mode === 'hold') stop();
      },
    }),
    [talking, mode, key, start, stop, toggle],
  );

  return { talking, start, stop, toggle, buttonProps };
}
