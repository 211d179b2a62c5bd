import type { AudioOptions } from './types.js';

/**
 * The `getUserMedia` audio constraints of a session: echo cancellation, noise suppression and auto gain on
 * unless turned off, and the chosen input (`null` or `'default'` = the system default).
 */
export function micConstraints(audio: AudioOptions | undefined, deviceId: string | null): MediaTrackConstraints {
  const constraints: MediaTrackConstraints = {
    echoCancellation: audio?.echoCancellation ?? true,
    noiseSuppression: audio?.noiseSuppression ?? true,
    autoGainControl: audio?.autoGainControl ?? true,
  };
  if (deviceId) constraints.deviceId = { exact: deviceId };
  return constraints;
}
