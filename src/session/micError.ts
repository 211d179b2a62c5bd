import { RealtimeError } from '../core/errors.js';
import type { MicPermission } from '../core/state/types.js';

/** Maps a `getUserMedia` failure to a typed error and the permission state it reveals. */
export function micError(cause: unknown): { error: RealtimeError; permission: MicPermission } {
  const name = typeof cause === 'object' && cause !== null ? String((cause as { name?: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
    case 'PermissionDeniedError':
      return {
        permission: 'denied',
        error: new RealtimeError(
          'mic_permission_denied',
          'Microphone access was denied. Allow the microphone for this site (the icon in the address bar), then connect again.',
          { cause },
        ),
      };
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return {
        permission: 'unavailable',
        error: new RealtimeError(
          'mic_unavailable',
          'No microphone was found. Plug one in or pick another input, then connect again.',
          {
            cause,
          },
        ),
      };
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return {
        permission: 'unavailable',
        error: new RealtimeError(
          'mic_unavailable',
          'The microphone could not be opened; another application may be using it. Close it or pick another input, then connect again.',
          { cause },
        ),
      };
    case 'OverconstrainedError':
      return {
        permission: 'unavailable',
        error: new RealtimeError(
          'mic_unavailable',
          'The chosen microphone is not available (device or constraints not satisfied). Pick another input, then connect again.',
          { cause },
        ),
      };
    default:
      return {
        permission: 'unavailable',
        error: new RealtimeError(
          'mic_unavailable',
          `The microphone could not be opened (${cause instanceof Error ? cause.message : String(cause)}). Check the input device, then connect again.`,
          { cause },
        ),
      };
  }
}

export function noMicrophoneApi(): RealtimeError {
  return new RealtimeError(
    'mic_unavailable',
    'This page cannot use a microphone: navigator.mediaDevices.getUserMedia is missing. Serve the page over https (or from localhost).',
  );
}
