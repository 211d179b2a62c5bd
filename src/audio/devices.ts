import type { MicPermission } from '../core/state/types.js';

/** The part of `navigator.mediaDevices` the device helpers use; pass the real one (or a test double). */
export type MediaDevicesLike = Pick<MediaDevices, 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;

export interface AudioDeviceList {
  inputs: MediaDeviceInfo[];
  outputs: MediaDeviceInfo[];
  /** Identity of the system default input/output (changes when the user picks another default). */
  defaultInputKey: string | null;
  defaultOutputKey: string | null;
}

export interface AudioDeviceChange {
  devices: AudioDeviceList;
  /** A device was plugged in or removed. */
  listChanged: boolean;
  /** The system default mic changed (an app following the default should re-open the mic). */
  defaultInputChanged: boolean;
  defaultOutputChanged: boolean;
}

/**
 * The system default of one kind: Chromium lists it as `deviceId: 'default'` with the real device's
 * `groupId` and a "Default - …" label; other browsers list the default first.
 */
function defaultKey(devices: MediaDeviceInfo[]): string | null {
  const first = devices.find((d) => d.deviceId === 'default') ?? devices[0];
  return first ? `${first.deviceId}|${first.groupId}|${first.label}` : null;
}

function listKey(list: AudioDeviceList): string {
  return [...list.inputs, ...list.outputs].map((d) => `${d.kind}:${d.deviceId}`).join(',');
}

/** Splits `enumerateDevices()` into audio inputs and outputs. Labels are empty until mic permission is granted. */
export async function listAudioDevices(mediaDevices: MediaDevicesLike): Promise<AudioDeviceList> {
  const all = await mediaDevices.enumerateDevices();
  const inputs = all.filter((d) => d.kind === 'audioinput');
  const outputs = all.filter((d) => d.kind === 'audiooutput');
  return { inputs, outputs, defaultInputKey: defaultKey(inputs), defaultOutputKey: defaultKey(outputs) };
}

/** Compares two listings: what a `devicechange` actually changed. */
export function compareAudioDevices(previous: AudioDeviceList | null, next: AudioDeviceList): AudioDeviceChange {
  return {
    devices: next,
    listChanged: previous === null || listKey(previous) !== listKey(next),
    defaultInputChanged: previous !== null && previous.defaultInputKey !== next.defaultInputKey,
    defaultOutputChanged: previous !== null && previous.defaultOutputKey !== next.defaultOutputKey,
  };
}

/**
 * Lists devices now and after every `devicechange`, telling `listener` what changed, including the system
 * default switching (e.g. a headset plugged in). Returns a function that stops watching. Listings that
 * finish out of order are dropped, so the listener never goes back to an older state.
 */
export function watchAudioDevices(
  mediaDevices: MediaDevicesLike,
  listener: (change: AudioDeviceChange) => void,
  onError?: (error: unknown) => void,
): () => void {
  let previous: AudioDeviceList | null = null;
  let requested = 0;
  let stopped = false;
  const refresh = () => {
    const id = ++requested;
    listAudioDevices(mediaDevices).then(
      (next) => {
        if (stopped || id !== requested) return;
        const change = compareAudioDevices(previous, next);
        previous = next;
        listener(change);
      },
      (error: unknown) => {
        if (!stopped) onError?.(error);
      },
    );
  };
  mediaDevices.addEventListener('devicechange', refresh);
  refresh();
  return () => {
    stopped = true;
    mediaDevices.removeEventListener('devicechange', refresh);
  };
}

export interface MicPermissionEnvironment {
  mediaDevices?: unknown;
  permissions?: Pick<Permissions, 'query'>;
}

function toMicPermission(state: PermissionState): MicPermission {
  return state === 'granted' || state === 'denied' ? state : 'prompt';
}

/**
 * The microphone permission: `unavailable` without `mediaDevices` (insecure page, old browser), otherwise
 * what the Permissions API says. Browsers that cannot query `microphone` (older Firefox and Safari) answer
 * `prompt`: the truth comes out at `getUserMedia`.
 */
export async function queryMicPermission(env: MicPermissionEnvironment): Promise<MicPermission> {
  if (!env.mediaDevices) return 'unavailable';
  if (!env.permissions) return 'prompt';
  try {
    const status = await env.permissions.query({ name: 'microphone' });
    return toMicPermission(status.state);
  } catch {
    return 'prompt';
  }
}

/**
 * Calls `listener` with the permission now and whenever the user changes it in the browser's UI. Returns a
 * function that stops watching.
 */
export function watchMicPermission(
  env: MicPermissionEnvironment,
  listener: (permission: MicPermission) => void,
): () => void {
  let stopped = false;
  let status: PermissionStatus | null = null;
  const onChange = () => {
    if (!stopped && status) listener(toMicPermission(status.state));
  };
  if (!env.mediaDevices) {
    listener('unavailable');
    return () => {};
  }
  if (!env.permissions) {
    listener('prompt');
    return () => {};
  }
  env.permissions.query({ name: 'microphone' }).then(
    (s) => {
      if (stopped) return;
      status = s;
      s.addEventListener('change', onChange);
      listener(toMicPermission(s.state));
    },
    () => {
      if (!stopped) listener('prompt');
    },
  );
  return () => {
    stopped = true;
    status?.removeEventListener('change', onChange);
  };
}

/**
 * Moves the call to another microphone without renegotiating: `replaceTrack` swaps the track under the same
 * sender, so no new offer is posted and the conversation goes on. The old track is stopped (its device light
 * goes off) unless `stopPrevious` is false. Keeps the mute state of the old track.
 */
export async function switchMicrophone(
  sender: RTCRtpSender,
  track: MediaStreamTrack,
  options: { stopPrevious?: boolean } = {},
): Promise<void> {
  if (track.kind !== 'audio') {
    throw new TypeError(
      `switchMicrophone needs an audio track, got a ${track.kind} track. Open it with getUserMedia({ audio }).`,
    );
  }
  const previous = sender.track;
  if (previous) track.enabled = previous.enabled;
  await sender.replaceTrack(track);
  if (previous && previous !== track && options.stopPrevious !== false) previous.stop();
}

type SinkElement = HTMLMediaElement & { setSinkId?: (sinkId: string) => Promise<void> };

/** True where the page can choose the speaker (`setSinkId`: Chromium, Firefox 116+, not Safari). */
export function supportsOutputSelection(element: HTMLMediaElement): boolean {
  return typeof (element as SinkElement).setSinkId === 'function';
}

/**
 * Plays `element` through the output device `deviceId` (`''` = system default). Resolves `false` where the
 * browser cannot choose outputs; rejects (e.g. `NotFoundError`) when the device is gone.
 */
export async function setOutputDevice(element: HTMLMediaElement, deviceId: string): Promise<boolean> {
  const el = element as SinkElement;
  if (typeof el.setSinkId !== 'function') return false;
  await el.setSinkId(deviceId);
  return true;
}
