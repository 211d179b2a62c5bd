'use client';
import { useEffect, useState } from 'react';

/**
 * Audio inputs the browser reports, kept current on `devicechange`. Labels are empty until the user has granted
 * microphone access once; pass the permission so the list is read again when that happens.
 */
export function useAudioInputDevices(permission?: string): readonly MediaDeviceInfo[] {
  const [devices, setDevices] = useState<readonly MediaDeviceInfo[]>(NO_DEVICES);
  useEffect(() => {
    const mediaDevices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
    if (mediaDevices?.enumerateDevices === undefined) return;
    let current = true;
    const read = () => {
      mediaDevices.enumerateDevices().then(
        (all) => {
          if (current) setDevices(all.filter((d) => d.kind === 'audioinput'));
        },
        () => undefined,
      );
    };
    read();
    mediaDevices.addEventListener?.('devicechange', read);
    return () => {
      current = false;
      mediaDevices.removeEventListener?.('devicechange', read);
    };
  }, [permission]);
  return devices;
}

const NO_DEVICES: readonly MediaDeviceInfo[] = [];
