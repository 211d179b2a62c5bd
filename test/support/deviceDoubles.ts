// Plain test doubles for the device decisions (which mic, which permission): the logic under test only reads
// these objects, and real browser behaviour is covered by the Chromium specs.
import type { MediaDevicesLike } from '../../src/audio/devices.js';

export const device = (kind: MediaDeviceKind, deviceId: string, groupId: string, label: string) =>
  ({ kind, deviceId, groupId, label, toJSON: () => ({}) }) as MediaDeviceInfo;

/** A laptop mic as the system default (Chromium lists the default as `deviceId: 'default'`). */
export const laptop = (): MediaDeviceInfo[] => [
  device('audioinput', 'default', 'g-laptop', 'Default - Built-in Mic'),
  device('audioinput', 'mic-1', 'g-laptop', 'Built-in Mic'),
  device('audiooutput', 'default', 'g-laptop', 'Default - Speakers'),
];

/** A headset plugged in; `asDefault` makes the system switch its default input to it. */
export const withHeadset = (asDefault: boolean): MediaDeviceInfo[] => [
  asDefault ? device('audioinput', 'default', 'g-headset', 'Default - Headset Mic') : laptop()[0]!,
  device('audioinput', 'mic-1', 'g-laptop', 'Built-in Mic'),
  device('audioinput', 'mic-2', 'g-headset', 'Headset Mic'),
  device('audiooutput', 'default', 'g-laptop', 'Default - Speakers'),
];

export class FakeMediaDevices extends EventTarget implements MediaDevicesLike {
  constructor(public devices: MediaDeviceInfo[]) {
    super();
  }
  enumerateDevices(): Promise<MediaDeviceInfo[]> {
    return Promise.resolve([...this.devices]);
  }
  /** What the OS does when a device comes or goes. */
  change(devices: MediaDeviceInfo[]): void {
    this.devices = devices;
    this.dispatchEvent(new Event('devicechange'));
  }
}

export class FakePermissionStatus extends EventTarget {
  constructor(public state: PermissionState) {
    super();
  }
  /** What the browser does when the user changes the permission in its UI. */
  set(state: PermissionState): void {
    this.state = state;
    this.dispatchEvent(new Event('change'));
  }
}

export function fakePermissions(state: PermissionState) {
  const status = new FakePermissionStatus(state);
  return { status, permissions: { query: () => Promise.resolve(status as unknown as PermissionStatus) } };
}

export class FakeTrack {
  enabled = true;
  readyState: MediaStreamTrackState = 'live';
  readonly kind = 'audio';
  constructor(public deviceId: string) {}
  stop(): void {
    this.readyState = 'ended';
  }
  getSettings(): MediaTrackSettings {
    return { deviceId: this.deviceId };
  }
}

export function fakeStream(deviceId: string): MediaStream & { track: FakeTrack } {
  const track = new FakeTrack(deviceId);
  return {
    track,
    getAudioTracks: () => [track],
    getTracks: () => [track],
  } as unknown as MediaStream & { track: FakeTrack };
}

/** Lets pending promise callbacks (device listings, switches) run. */
export const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
