import { describe, expect, it } from 'vitest';
import {
  compareAudioDevices,
  listAudioDevices,
  queryMicPermission,
  setOutputDevice,
  supportsOutputSelection,
  watchAudioDevices,
  watchMicPermission,
  type MediaDevicesLike,
} from './devices.js';

const device = (kind: MediaDeviceKind, deviceId: string, groupId: string, label: string) =>
  ({ kind, deviceId, groupId, label, toJSON: () => ({}) }) as MediaDeviceInfo;

const laptop = [
  device('audioinput', 'default', 'g-laptop', 'Default - Built-in Mic'),
  device('audioinput', 'mic-1', 'g-laptop', 'Built-in Mic'),
  device('audiooutput', 'default', 'g-laptop', 'Default - Speakers'),
  device('audiooutput', 'spk-1', 'g-laptop', 'Speakers'),
  device('videoinput', 'cam-1', 'g-cam', 'Camera'),
];
const headsetPlugged = [
  ...laptop.slice(0, 2),
  device('audioinput', 'mic-2', 'g-headset', 'Headset Mic'),
  ...laptop.slice(2, 4),
  device('audiooutput', 'spk-2', 'g-headset', 'Headset'),
];
const headsetDefault = headsetPlugged.map((d) =>
  d.deviceId !== 'default'
    ? d
    : d.kind === 'audioinput'
      ? device('audioinput', 'default', 'g-headset', 'Default - Headset Mic')
      : device('audiooutput', 'default', 'g-headset', 'Default - Headset'),
);
// Firefox and Safari have no 'default' entry: the default is listed first.
const firstIsDefault = [device('audioinput', 'a', 'g1', 'Mic A'), device('audioinput', 'b', 'g2', 'Mic B')];

class FakeMediaDevices extends EventTarget implements MediaDevicesLike {
  constructor(
    public devices: MediaDeviceInfo[],
    public delays: number[] = [],
  ) {
    super();
  }
  async enumerateDevices() {
    const snapshot = [...this.devices];
    const delay = this.delays.shift() ?? 0;
    await new Promise((r) => setTimeout(r, delay));
    return snapshot;
  }
}

const list = (devices: MediaDeviceInfo[]) => listAudioDevices(new FakeMediaDevices(devices));

describe('listAudioDevices', () => {
  it('splits audio inputs and outputs, ignoring video', async () => {
    const l = await list(laptop);
    expect(l.inputs.map((d) => d.deviceId)).toEqual(['default', 'mic-1']);
    expect(l.outputs.map((d) => d.deviceId)).toEqual(['default', 'spk-1']);
  });
});

describe('compareAudioDevices', () => {
  it.each([
    { name: 'first listing', before: null, after: laptop, list: true, input: false, output: false },
    { name: 'nothing changed', before: laptop, after: laptop, list: false, input: false, output: false },
    {
      name: 'headset plugged, default unchanged',
      before: laptop,
      after: headsetPlugged,
      list: true,
      input: false,
      output: false,
    },
    {
      name: 'system default moved to the headset',
      before: headsetPlugged,
      after: headsetDefault,
      list: false,
      input: true,
      output: true,
    },
    {
      name: 'headset unplugged while default',
      before: headsetDefault,
      after: laptop,
      list: true,
      input: true,
      output: true,
    },
    {
      name: 'first-listed default (Firefox) reordered',
      before: firstIsDefault,
      after: [...firstIsDefault].reverse(),
      list: true,
      input: true,
      output: false,
    },
    { name: 'all devices gone', before: laptop, after: [], list: true, input: true, output: true },
  ])('$name', async ({ before, after, list: listChanged, input, output }) => {
    const change = compareAudioDevices(before ? await list(before) : null, await list(after));
    expect(change).toMatchObject({ listChanged, defaultInputChanged: input, defaultOutputChanged: output });
  });
});

describe('watchAudioDevices', () => {
  it('reports the first listing, then each devicechange, and stops when asked', async () => {
    const md = new FakeMediaDevices(headsetPlugged);
    const changes: Array<{ input: boolean; count: number }> = [];
    const stop = watchAudioDevices(md, (c) =>
      changes.push({ input: c.defaultInputChanged, count: c.devices.inputs.length }),
    );
    await new Promise((r) => setTimeout(r, 5));
    md.devices = headsetDefault;
    md.dispatchEvent(new Event('devicechange'));
    await new Promise((r) => setTimeout(r, 5));
    stop();
    md.devices = laptop;
    md.dispatchEvent(new Event('devicechange'));
    await new Promise((r) => setTimeout(r, 5));
    expect(changes).toEqual([
      { input: false, count: 3 },
      { input: true, count: 3 },
    ]);
  });

  it('drops a listing that finishes after a newer one', async () => {
    const md = new FakeMediaDevices(laptop, [30, 0]);
    const seen: number[] = [];
    watchAudioDevices(md, (c) => seen.push(c.devices.inputs.length));
    md.devices = headsetPlugged;
    md.dispatchEvent(new Event('devicechange'));
    await new Promise((r) => setTimeout(r, 50));
    expect(seen).toEqual([3]);
  });
});

describe('mic permission', () => {
  const permissions = (state: PermissionState | Error) => ({
    query: async () => {
      if (state instanceof Error) throw state;
      const status = new EventTarget() as PermissionStatus;
      Object.defineProperty(status, 'state', { value: state, writable: true });
      return status;
    },
  });

  it.each([
    { name: 'no mediaDevices', env: {}, expected: 'unavailable' },
    { name: 'no Permissions API', env: { mediaDevices: {} }, expected: 'prompt' },
    { name: 'granted', env: { mediaDevices: {}, permissions: permissions('granted') }, expected: 'granted' },
    { name: 'denied', env: { mediaDevices: {}, permissions: permissions('denied') }, expected: 'denied' },
    { name: 'prompt', env: { mediaDevices: {}, permissions: permissions('prompt') }, expected: 'prompt' },
    {
      name: '"microphone" not queryable',
      env: { mediaDevices: {}, permissions: permissions(new TypeError('bad name')) },
      expected: 'prompt',
    },
  ])('$name -> $expected', async ({ env, expected }) => {
    expect(await queryMicPermission(env)).toBe(expected);
    const seen: string[] = [];
    watchMicPermission(env, (p) => seen.push(p));
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([expected]);
  });

  it('follows changes made in the browser UI', async () => {
    const status = new EventTarget() as PermissionStatus & { state: PermissionState };
    Object.defineProperty(status, 'state', { value: 'prompt', writable: true });
    const seen: string[] = [];
    const stop = watchMicPermission({ mediaDevices: {}, permissions: { query: async () => status } }, (p) =>
      seen.push(p),
    );
    await new Promise((r) => setTimeout(r, 0));
    status.state = 'granted';
    status.dispatchEvent(new Event('change'));
    stop();
    status.state = 'denied';
    status.dispatchEvent(new Event('change'));
    expect(seen).toEqual(['prompt', 'granted']);
  });
});

describe('output device', () => {
  it('reports unsupported without setSinkId', async () => {
    const el = {} as HTMLMediaElement;
    expect(supportsOutputSelection(el)).toBe(false);
    expect(await setOutputDevice(el, 'spk-2')).toBe(false);
  });

  it('calls setSinkId and passes its rejection on', async () => {
    const calls: string[] = [];
    const el = {
      setSinkId: async (id: string) => {
        calls.push(id);
        if (id === 'gone') throw new DOMException('Requested device not found', 'NotFoundError');
      },
    } as unknown as HTMLMediaElement;
    expect(supportsOutputSelection(el)).toBe(true);
    expect(await setOutputDevice(el, 'spk-2')).toBe(true);
    await expect(setOutputDevice(el, 'gone')).rejects.toMatchObject({ name: 'NotFoundError' });
    expect(calls).toEqual(['spk-2', 'gone']);
  });
});
