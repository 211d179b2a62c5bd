import { RealtimeError } from '../core/errors.js';
import { setOutputDevice } from '../audio/devices.js';

/**
 * Plays the session's `<audio>` element through `deviceId` (`''` or `'default'` = the system default) with
 * `setSinkId`. Typed errors: `unsupported_environment` where the browser cannot choose outputs (Safari),
 * `audio_output_unavailable` when the device is gone or not allowed.
 */
export async function applyOutputDevice(element: HTMLMediaElement, deviceId: string): Promise<void> {
  const sinkId = deviceId === 'default' ? '' : deviceId;
  let supported: boolean;
  try {
    supported = await setOutputDevice(element, sinkId);
  } catch (cause) {
    throw new RealtimeError(
      'audio_output_unavailable',
      `The output device "${deviceId}" could not be used (${cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause)}). List the outputs again and pick one that is present.`,
      { cause },
    );
  }
  if (!supported) throw outputSelectionUnsupported();
}

export function outputSelectionUnsupported(): RealtimeError {
  return new RealtimeError(
    'unsupported_environment',
    'This browser cannot choose the output device (no HTMLMediaElement.setSinkId, e.g. Safari); audio plays on the system default. Hide the speaker menu where supportsOutputSelection() is false.',
  );
}
