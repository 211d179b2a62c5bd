import { watchAudioDevices, watchMicPermission, type MediaDevicesLike } from '../audio/devices.js';
import type { MicPermission } from '../core/state/types.js';
import type { SessionEnvironment } from './types.js';

export interface SessionDeviceEnvironment {
  mediaDevices: MediaDevicesLike | null;
  permissions: Pick<Permissions, 'query'> | null;
}

/** `navigator.mediaDevices` and `navigator.permissions` unless injected; read at connect time, never at import. */
export function resolveDeviceEnvironment(overrides: Partial<SessionEnvironment> = {}): SessionDeviceEnvironment {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  const mediaDevices = overrides.mediaDevices ?? nav?.mediaDevices;
  const permissions = overrides.permissions ?? nav?.permissions;
  return {
    mediaDevices: mediaDevices && typeof mediaDevices.enumerateDevices === 'function' ? mediaDevices : null,
    permissions: permissions && typeof permissions.query === 'function' ? permissions : null,
  };
}

export interface SessionDeviceHandlers {
  /** The input the user chose, or `null` when the session follows the system default. */
  chosenInput: () => string | null;
  /** Re-open the mic on `deviceId` (`null` = the system default). */
  switchInput: (deviceId: string | null) => void;
  permission: (permission: MicPermission) => void;
  error: (error: unknown) => void;
}

/**
 * While a call is up: follows the system default input when the user has not picked one (a headset plugged
 * in becomes the mic), falls back to the default when the picked input disappears, and reports the mic
 * permission as the user changes it in the browser's UI. Returns a function that stops all of it.
 */
export function watchSessionDevices(env: SessionDeviceEnvironment, handlers: SessionDeviceHandlers): () => void {
  const stops: Array<() => void> = [];
  if (env.mediaDevices) {
    stops.push(
      watchAudioDevices(
        env.mediaDevices,
        (change) => {
          const chosen = handlers.chosenInput();
          if (chosen === null) {
            if (change.defaultInputChanged) handlers.switchInput(null);
          } else if (change.listChanged && !change.devices.inputs.some((d) => d.deviceId === chosen)) {
            handlers.switchInput(null);
          }
        },
        handlers.error,
      ),
    );
    stops.push(
      watchMicPermission(
        env.permissions
          ? { mediaDevices: env.mediaDevices, permissions: env.permissions }
          : { mediaDevices: env.mediaDevices },
        handlers.permission,
      ),
    );
  }

  return () => {
    for (const stop of stops) stop();
  };
}
