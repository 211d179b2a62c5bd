import { RealtimeError } from '../core/errors.js';
import type { MicPermission } from '../core/state/types.js';
import { micConstraints } from './micConstraints.js';
import { micError } from './micError.js';
import { stopStream } from './stopStream.js';
import type { SessionAudioEngine } from './SessionAudioEngine.js';
import type { AudioOptions } from './types.js';

export { micConstraints };

/** What a live call holds that a mic switch touches. */
export interface InputSwitchTarget {
  stream: MediaStream | null;
  readonly transport: {
    readonly media?:
      | { setInput(stream: MediaStream | null): Promise<void>; setOutputDevice?(deviceId: string): Promise<void> }
      | undefined;
  } | null;
  readonly engine: SessionAudioEngine | null;
}

export interface InputSwitchOptions {
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  audio: AudioOptions | undefined;
  muted: boolean;
  /** False once the call this switch was started for has ended: the new mic is released at once. */
  stillCurrent: () => boolean;
  /** The permission state a failed `getUserMedia` reveals. */
  onPermission?: (permission: MicPermission) => void;
}

export interface InputSwitchResult {
  stream: MediaStream;
  /** The device the browser actually opened (`'default'` in Chromium when following the default). */
  deviceId: string | null;
}

/**
 * Opens `deviceId` with the session's constraints and moves the call onto it with the transport's
 * `media.setInput` (WebRTC: `RTCRtpSender.replaceTrack`): no renegotiation, no new offer, the conversation goes on. The mute state carries over, the meter follows
 * the new track and the old track is stopped. If anything fails the old microphone keeps working.
 */
export async function switchInputDevice(
  target: InputSwitchTarget,
  deviceId: string | null,
  options: InputSwitchOptions,
): Promise<InputSwitchResult> {
  const media = target.transport?.media;
  if (!media) throw notConnected();
  let stream: MediaStream;
  try {
    stream = await options.getUserMedia({ audio: micConstraints(options.audio, deviceId) });
  } catch (cause) {
    const { error, permission } = micError(cause);
    if (permission === 'denied') options.onPermission?.(permission);
    throw error;
  }
  const track = stream.getAudioTracks()[0];
  if (!track || !options.stillCurrent()) {
    stopStream(stream);
    throw track
      ? notConnected()
      : new RealtimeError('mic_unavailable', 'The chosen input gave no audio track. Pick another input.');
  }
  track.enabled = !options.muted;
  try {
    await media.setInput(stream);
  } catch (cause) {
    stopStream(stream);
    throw new RealtimeError(
      'mic_unavailable',
      `The call could not switch to the new microphone (${cause instanceof Error ? cause.message : String(cause)}); the previous one stays in use.`,
      { cause },
    );
  }
  if (!options.stillCurrent()) {
    stopStream(stream);
    throw notConnected();
  }
  try {
    target.engine?.attachMic(stream);
    target.engine?.setMuted?.(options.muted);
  } catch {
    // Metering is optional; the call already sends the new mic.
  }
  const previous = target.stream;
  target.stream = stream;
  if (previous !== stream) stopStream(previous);
  return { stream, deviceId: track.getSettings?.().deviceId ?? deviceId };
}

function notConnected(): RealtimeError {
  return new RealtimeError(
    'not_connected',
    'The call ended before the microphone switch finished; the choice applies to the next connect().',
  );
}
