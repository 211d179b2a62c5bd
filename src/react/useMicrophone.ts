'use client';
import { useCallback, useMemo } from 'react';
import type { MediaDevicesLike } from '../audio/devices.js';
import type { MicPermission, RealtimeState } from '../core/state/types.js';
import type { RealtimeSession } from '../session/types.js';
import { selectMuted, selectPermission } from './micState.js';
import { useAudioInputDevices } from './useAudioInputDevices.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';
import { useSessionState } from './useSessionState.js';

const selectDeviceId = (state: RealtimeState): string | null => state.mic.deviceId;

/**
 * A session that can switch microphones while connected (feature-detected). Without it the choice is only
 * recorded in the store.
 */
interface DeviceSwitchingSession {
  setInputDevice?: (deviceId: string) => unknown;
}

export interface MicrophoneControls {
  muted: boolean;
  setMuted: (muted: boolean) => void;
  toggle: () => void;
  /** `'prompt' | 'granted' | 'denied' | 'unavailable'` */
  permission: MicPermission;
  deviceId: string | null;
  /** Audio inputs (labels appear once access was granted). */
  devices: readonly MediaDeviceInfo[];
  selectDevice: (deviceId: string) => void;
  /** Spread on a `<button>` to make it a mute toggle. */
  buttonProps: {
    type: 'button';
    'aria-pressed': boolean;
    'data-state': 'muted' | 'unmuted';
    onClick: () => void;
  };
}

export interface MicrophoneOptions {
  /** Where devices are listed from; default `navigator.mediaDevices`. */
  mediaDevices?: MediaDevicesLike;
}

/** Mute state, permission and input devices of the session's microphone. */
export function useMicrophone(options?: MicrophoneOptions, session?: RealtimeSession): MicrophoneControls;
/** @deprecated Pass the session last, as every hook takes it: `useMicrophone(options, session)`. */
export function useMicrophone(session: RealtimeSession | undefined, options?: MicrophoneOptions): MicrophoneControls;
export function useMicrophone(
  first?: MicrophoneOptions | RealtimeSession,
  second?: RealtimeSession | MicrophoneOptions,
): MicrophoneControls {
  // The old order put the session first; a session is told apart from options by its store.
  const oldOrder = first !== undefined ? 'store' in first : second !== undefined && !('store' in second);
  const sessionArg = (oldOrder ? first : second) as RealtimeSession | undefined;
  const options = ((oldOrder ? second : first) ?? {}) as MicrophoneOptions;
  const session = useEnsureRealtimeSession(sessionArg);
  const muted = useSessionState(selectMuted, session);
  const permission = useSessionState(selectPermission, session);
  const deviceId = useSessionState(selectDeviceId, session);
  const devices = useAudioInputDevices(
    options.mediaDevices === undefined ? { permission } : { permission, mediaDevices: options.mediaDevices },
  );

  const setMuted = useCallback((next: boolean) => session.setMuted(next), [session]);
  const toggle = useCallback(() => session.setMuted(!session.store.getState().mic.muted), [session]);
  const selectDevice = useCallback(
    (id: string) => {
      const switching = session as RealtimeSession & DeviceSwitchingSession;
      if (typeof switching.setInputDevice === 'function') {
        const result = switching.setInputDevice(id);
        if (result instanceof Promise) result.catch(() => undefined);
      } else {
        session.store.apply({ type: 'mic', patch: { deviceId: id } });
      }
    },
    [session],
  );

  return useMemo(
    () => ({
      muted,
      setMuted,
      toggle,
      permission,
      deviceId,
      devices,
      selectDevice,
      buttonProps: {
        type: 'button' as const,
        'aria-pressed': muted,
        'data-state': muted ? ('muted' as const) : ('unmuted' as const),
        onClick: toggle,
      },
    }),
    [muted, setMuted, toggle, permission, deviceId, devices, selectDevice],
  );
}
