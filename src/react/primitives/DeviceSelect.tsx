'use client';
import { forwardRef, type ChangeEvent, type ComponentPropsWithoutRef } from 'react';
import type { MediaDevicesLike } from '../../audio/devices.js';
import type { RealtimeSession } from '../../session/types.js';
import { defaultLabels } from '../labels.js';
import { useMicrophone } from '../useMicrophone.js';

export interface DeviceSelectProps extends Omit<ComponentPropsWithoutRef<'select'>, 'value' | 'defaultValue'> {
  session?: RealtimeSession;
  /** Accessible name, and the prefix of unnamed devices ("Microphone 2"). Default "Microphone". */
  label?: string;
  /** The entry that follows the system default. Default "Default microphone". */
  defaultLabel?: string;
  /** Where devices are listed from; default `navigator.mediaDevices`. */
  mediaDevices?: MediaDevicesLike;
}

/** A native `<select>` of microphones. `data-state="ready|empty"`. */
export const DeviceSelect = forwardRef<HTMLSelectElement, DeviceSelectProps>(function DeviceSelect(
  { session, label, defaultLabel, mediaDevices, onChange, ...rest },
  ref,
) {
  const mic = useMicrophone(session, mediaDevices === undefined ? {} : { mediaDevices });
  const name = label ?? defaultLabels.microphone;
  const handleChange = (event: ChangeEvent<HTMLSelectElement>) => {
    onChange?.(event);
    if (!event.defaultPrevented) mic.selectDevice(event.target.value);
  };
  const listed = mic.devices.filter((d) => d.deviceId !== '' && d.deviceId !== 'default');
  return (
    <select
      aria-label={name}
      data-talkwire="device-select"
      data-state={listed.length === 0 ? 'empty' : 'ready'}
      {...rest}
      ref={ref}
      value={mic.deviceId ?? ''}
      onChange={handleChange}
    >
      <option value="">{defaultLabel ?? `Default ${name.toLowerCase()}`}</option>
      {listed.map((device, index) => (
        <option key={device.deviceId} value={device.deviceId}>
          {device.label === '' ? `${name} ${index + 1}` : device.label}
        </option>
      ))}
    </select>
  );
});
