import type { RealtimeError } from '../core/errors.js';
import type { RealtimeStore } from '../core/state/store.js';
import type { MicPermission } from '../core/state/types.js';
import { micConstraints } from './micConstraints.js';
import type { InputSwitchTarget } from './switchInputDevice.js';
import type { RealtimeSessionOptions } from './types.js';

/** The parts of a session's current call that device changes touch. */
export interface DeviceCall extends InputSwitchTarget {
  readonly connected: boolean;
  readonly cleaned: boolean;
  readonly audio: HTMLAudioElement | null;
  readonly env: { getUserMedia: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | null } | null;
  /** Runs `release` when the call ends. */
  own(release: () => void): void;
}

export interface SessionDevicesContext {
  options: RealtimeSessionOptions;
  store: RealtimeStore;
  current(): DeviceCall | null;
  muted(): boolean;
  /** Reports a failure nobody awaits (an automatic switch): the call goes on. */
  warn(error: RealtimeError): void;
}

/** The mic and speaker chosen for this session (`null`: the system default). */
export interface DeviceChoices {
  input: string | null;
  output: string | null;
}

const isDefault = (deviceId: string | null | undefined) => !deviceId || deviceId === 'default';

/**
 * The session's device choices: which mic and speaker to use, switching them mid-call, following the system
 * default input, and the mic permission in the store. One per session; it outlives calls so choices made while
 * disconnected apply to the next `connect()`. Only the choices are here up front; the rest (deviceControl.ts)
 * loads on first use.
 */
export function createSessionDevices(ctx: SessionDevicesContext) {
  const audio = ctx.options.audio;
  const choices: DeviceChoices = {
    input: isDefault(audio?.inputDeviceId) ? null : (audio?.inputDeviceId ?? null),
    output: audio?.outputDeviceId ?? null,
  };
  let control: ReturnType<typeof loadControl> | undefined;
  const loadControl = () =>
    import('./deviceControl.js').then(({ createDeviceControl }) => createDeviceControl(ctx, choices));
  const load = () => (control ??= loadControl());

  return {
    /** Constraints for the mic `connect()` opens. */
    constraints: () => micConstraints(audio, choices.input),
    outputDeviceId: () => choices.output,
    /** Starts following devices and permission for a call that just connected; stops when it is cleaned up. */
    watch: async (call: DeviceCall): Promise<void> => (await load()).watch(call),
    setInputDevice: (deviceId: string): Promise<void> => {
      // The choice holds at once, so a connect() right after it opens the chosen mic.
      choices.input = isDefault(deviceId) ? null : deviceId;
      return load().then((devices) => devices.setInputDevice(deviceId));
    },
    setOutputDevice: async (deviceId: string): Promise<void> => (await load()).setOutputDevice(deviceId),
    checkMicPermission: async (): Promise<MicPermission> => (await load()).checkMicPermission(),
  };
}

export type SessionDevices = ReturnType<typeof createSessionDevices>;
