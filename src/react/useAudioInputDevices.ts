'use client';
import { useEffect, useState } from 'react';
import { watchAudioDevices, type MediaDevicesLike } from '../audio/devices.js';

export interface AudioInputDevicesOptions {
  /** Default `navigator.mediaDevices` (read in an effect, so server rendering touches nothing). */
  mediaDevices?: MediaDevicesLike;
  /** Pass the mic permission so the list is read again once access is granted (labels appear then). */
  permission?: string;
}

/** Audio inputs the browser reports, kept current on `devicechange`. */
export function useAudioInputDevices(options: AudioInputDevicesOptions = {}): readonly MediaDeviceInfo[] {
  const { mediaDevices: injected, permission } = options;
  const [devices, setDevices] = useState<readonly MediaDeviceInfo[]>(NO_DEVICES);
  useEffect(() => {
    const mediaDevices = injected ?? (typeof navigator === 'undefined' ? undefined : navigator.mediaDevices);
    if (mediaDevices === undefined || typeof mediaDevices.enumerateDevices !== 'function') return;
    return watchAudioDevices(
      mediaDevices,
      (change) => {
        if (change.listChanged) setDevices(change.devices.inputs);
      },
      () => undefined,
    );
  }, [injected, permission]);
  return devices;
}

const NO_DEVICES: readonly MediaDeviceInfo[] = [];
