'use client';
import { useMemo } from 'react';
import type { RealtimeSession } from '../session/types.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';
import {
  subscribeAudioLevel,
  type AudioLevelKind,
  type AudioLevelSubscribeOptions,
} from '../audio/subscribeAudioLevel.js';

export interface AudioLevelOptions extends AudioLevelSubscribeOptions {
  /** CSS custom property the `ref` keeps current. Default `--talkwire-level`. */
  variable?: string;
  /** @deprecated Pass the session last, as every hook takes it: `useAudioLevel(kind, options, session)`. */
  session?: RealtimeSession;
}

export interface AudioLevel {
  /** The level now, 0..1: for your own animation-frame or canvas loop. */
  read: () => number;
  /** `listener(level)` at most once per animation frame while the level changes. Returns an unsubscribe. */
  subscribe: (listener: (level: number) => void) => () => void;
  /** Ref callback: keeps the CSS variable on the element at the current level without rendering React. */
  ref: (element: HTMLElement | null) => void;
}

/** Mic (`'input'`) or agent (`'output'`) level, delivered outside React: levels change at audio rate. */
export function useAudioLevel(
  kind: AudioLevelKind,
  options: AudioLevelOptions = {},
  sessionArg?: RealtimeSession,
): AudioLevel {
  const session = useEnsureRealtimeSession(sessionArg ?? options.session);
  const variable = options.variable ?? '--talkwire-level';
  const minIntervalMs = options.minIntervalMs;
  return useMemo(() => {
    const subscribeOptions: AudioLevelSubscribeOptions = minIntervalMs === undefined ? {} : { minIntervalMs };
    const subscribe = (listener: (level: number) => void) =>
      subscribeAudioLevel(session, kind, listener, subscribeOptions);
    // A holder rather than a reassigned variable: the ref callback runs after render, on attach and detach.
    const attached: { unsubscribe?: (() => void) | undefined } = {};
    const ref = (element: HTMLElement | null) => {
      attached.unsubscribe?.();
      attached.unsubscribe = undefined;
      if (element === null) return;
      attached.unsubscribe = subscribe((level) => element.style.setProperty(variable, formatLevel(level)));
    };
    return {
      read: kind === 'input' ? () => session.getInputLevel() : () => session.getOutputLevel(),
      subscribe,
      ref,
    };
  }, [session, kind, variable, minIntervalMs]);
}

function formatLevel(level: number): string {
  const clamped = level > 1 ? 1 : level > 0 ? level : 0;
  return clamped.toFixed(3);
}
