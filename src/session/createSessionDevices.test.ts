import { beforeAll, describe, expect, it, vi } from 'vitest';
import { RealtimeError } from '../core/errors.js';
import { createRealtimeStore } from '../core/state/store.js';
import {
  FakeMediaDevices,
  fakePermissions,
  fakeStream,
  laptop,
  settle,
  withHeadset,
} from '../../test/support/deviceDoubles.js';
import { createSessionDevices, type DeviceCall } from './createSessionDevices.js';

// Switching code is loaded by import() on the first switch; loaded once here so that `settle()` (one task)
// covers a switch in every test, whichever runs first.
beforeAll(async () => {
  await Promise.all([import('./switchInputDevice.js'), import('./applyOutputDevice.js')]);
});
import type { SessionAudioEngine } from './SessionAudioEngine.js';
import type { RealtimeSessionOptions } from './types.js';

/** A connected call on the laptop's default mic, and a session's device logic around it. */
function setup(
  options: { devices?: FakeMediaDevices; permission?: PermissionState; audio?: RealtimeSessionOptions['audio'] } = {},
) {
  const store = createRealtimeStore();
  const mediaDevices = options.devices ?? new FakeMediaDevices(laptop());
  const perms = fakePermissions(options.permission ?? 'granted');
  const opened: Array<MediaStream & { track: { deviceId: string; enabled: boolean; readyState: string } }> = [];
  const getUserMedia = vi.fn(async (constraints: MediaStreamConstraints) => {
    const audio = constraints.audio as MediaTrackConstraints;
    const exact = (audio.deviceId as { exact?: string } | undefined)?.exact;
    if (exact && !mediaDevices.devices.some((d) => d.kind === 'audioinput' && d.deviceId === exact)) {
      throw Object.assign(new Error('Requested device not found'), { name: 'NotFoundError' });
    }
    const stream = fakeStream(exact ?? 'default');
    opened.push(stream);
    return stream;
  });
  const replaced: unknown[] = [];
  const replaceInputTrack = vi.fn(async (track: MediaStreamTrack | null) => {
    replaced.push(track);
  });
  const metered: MediaStream[] = [];
  const engine = { attachMic: (s: MediaStream) => metered.push(s), setMuted: vi.fn() } as unknown as SessionAudioEngine;
  const first = fakeStream('default');
  const releases: Array<() => void> = [];
  const call: DeviceCall & { cleaned: boolean } = {
    connected: true,
    cleaned: false,
    audio: null,
    env: { getUserMedia },
    own: (release) => void releases.push(release),
    stream: first,
    transport: { media: { setInput: (stream) => replaceInputTrack(stream?.getAudioTracks()[0] ?? null) } },
    engine,
  };
  store.apply({ type: 'mic', patch: { permission: 'granted', deviceId: 'default' } });
  let current: DeviceCall | null = call;
  let muted = false;
  const warnings: RealtimeError[] = [];
  const devices = createSessionDevices({
    options: {
      environment: { mediaDevices, permissions: perms.permissions },
      ...(options.audio ? { audio: options.audio } : {}),
    },
    store,
    current: () => current,
    muted: () => muted,
    warn: (error) => warnings.push(error),
  });
  return {
    store,
    mediaDevices,
    permission: perms.status,
    getUserMedia,
    replaceInputTrack,
    replaced,
    opened,
    metered,
    first,
    call,
    devices,
    warnings,
    mic: () => store.getState().mic,
    hangUp() {
      call.cleaned = true;
      for (const stop of releases) stop();
      current = null;
    },
    setMuted(value: boolean) {
      muted = value;
    },
  };
}

describe('session devices: following the system default input', () => {
  it('on the default, a new system default re-opens the mic and swaps it into the call', async () => {
    const t = setup({ devices: new FakeMediaDevices(withHeadset(false)) });
    await t.devices.watch(t.call);
    await settle();
    expect(t.getUserMedia).not.toHaveBeenCalled();

    t.mediaDevices.change(withHeadset(true));
    await settle();
    expect(t.getUserMedia).toHaveBeenCalledTimes(1);
    expect(t.getUserMedia.mock.calls[0]![0].audio).not.toHaveProperty('deviceId'); // the default, whatever it is now
    expect(t.replaced).toEqual([t.opened[0]!.track]);
    expect(t.call.stream).toBe(t.opened[0]);
    expect(t.metered).toEqual([t.opened[0]]);
    expect(t.first.getAudioTracks()[0]!.readyState).toBe('ended');
    expect(t.mic().deviceId).toBe('default');
    expect(t.warnings).toEqual([]);
  });

  it('on a chosen mic that disappears: falls back to the default', async () => {
    const t = setup({ devices: new FakeMediaDevices(withHeadset(false)) });
    await t.devices.watch(t.call);
    await t.devices.setInputDevice('mic-2');
    expect(t.getUserMedia.mock.calls[0]![0].audio).toMatchObject({ deviceId: { exact: 'mic-2' } });
    expect(t.mic().deviceId).toBe('mic-2');

    t.mediaDevices.change(withHeadset(true)); // a default change does not move a chosen mic
    await settle();
    expect(t.getUserMedia).toHaveBeenCalledTimes(1);

    t.mediaDevices.change(laptop()); // the headset is unplugged
    await settle();
    await settle();
    expect(t.getUserMedia).toHaveBeenCalledTimes(2);
    expect(t.getUserMedia.mock.calls[1]![0].audio).not.toHaveProperty('deviceId');
    expect(t.call.stream).toBe(t.opened[1]);
    expect(t.mic().deviceId).toBe('default');
    // The next connect opens the default too.
    expect(t.devices.constraints()).not.toHaveProperty('deviceId');
  });

  it('stops following when the call ends', async () => {
    const t = setup();
    await t.devices.watch(t.call);
    await settle();
    t.hangUp();
    t.mediaDevices.change(withHeadset(true));
    await settle();
    expect(t.getUserMedia).not.toHaveBeenCalled();
  });
});

describe('session devices: permission in the store', () => {
  it('follows changes made in the browser while connected', async () => {
    const t = setup({ permission: 'granted' });
    t.call.stream = null; // no live mic: the browser's answer is all there is
    await t.devices.watch(t.call);
    await settle();
    t.permission.set('prompt');
    expect(t.mic().permission).toBe('prompt');
    t.permission.set('denied');
    expect(t.mic().permission).toBe('denied');
  });

  it('never turns granted into prompt while a live mic is open, but does report denied', async () => {
    const t = setup({ permission: 'prompt' }); // a one-time grant: some browsers answer prompt while it is in use
    await t.devices.watch(t.call);
    await settle();
    expect(t.mic().permission).toBe('granted');
    expect(await t.devices.checkMicPermission()).toBe('granted');
    t.permission.set('denied');
    expect(t.mic().permission).toBe('denied');
  });

  it('checkMicPermission writes what the browser says when no mic is open', async () => {
    const t = setup({ permission: 'prompt' });
    t.hangUp();
    t.first.getAudioTracks()[0]!.stop();
    expect(await t.devices.checkMicPermission()).toBe('prompt');
    expect(t.mic().permission).toBe('prompt');
  });
});

describe('session devices: setInputDevice', () => {
  it('a device that cannot be opened keeps the old mic in the call', async () => {
    const t = setup();
    const error = await t.devices.setInputDevice('no-such-mic').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RealtimeError);
    expect((error as RealtimeError).code).toBe('mic_unavailable');
    expect(t.call.stream).toBe(t.first);
    expect(t.first.getAudioTracks()[0]!.readyState).toBe('live');
    expect(t.replaceInputTrack).not.toHaveBeenCalled();
    expect(t.mic()).toMatchObject({ deviceId: 'default', permission: 'granted' });
  });

  it('a refused replaceTrack releases the new mic and keeps the old one', async () => {
    const t = setup();
    t.replaceInputTrack.mockRejectedValueOnce(new Error('sender closed'));
    const error = (await t.devices.setInputDevice('mic-1').catch((e: unknown) => e)) as RealtimeError;
    expect(error.code).toBe('mic_unavailable');
    expect(error.message).toMatch(/previous one stays in use/);
    expect(t.opened[0]!.track.readyState).toBe('ended');
    expect(t.call.stream).toBe(t.first);
    expect(t.first.getAudioTracks()[0]!.readyState).toBe('live');
    expect(t.metered).toEqual([]);
  });

  it('a denied permission on switching says so in the store, even with a live mic', async () => {
    const t = setup();
    t.getUserMedia.mockRejectedValueOnce(Object.assign(new Error('denied'), { name: 'NotAllowedError' }));
    const error = (await t.devices.setInputDevice('mic-1').catch((e: unknown) => e)) as RealtimeError;
    expect(error.code).toBe('mic_permission_denied');
    expect(t.mic().permission).toBe('denied');
    expect(t.call.stream).toBe(t.first);
  });

  it('carries the mute state over to the new track', async () => {
    const t = setup();
    t.setMuted(true);
    await t.devices.setInputDevice('mic-1');
    expect(t.opened[0]!.track.enabled).toBe(false);
  });

  it('two quick switches run in order and the last one stays', async () => {
    const t = setup();
    await Promise.all([t.devices.setInputDevice('mic-1'), t.devices.setInputDevice('default')]);
    expect(t.call.stream).toBe(t.opened[1]);
    expect(t.opened.map((s) => s.track.readyState)).toEqual(['ended', 'live']);
    expect(t.mic().deviceId).toBe('default');
  });

  it('while not connected the choice waits for the next connect', async () => {
    const t = setup({ audio: { echoCancellation: false } });
    t.hangUp();
    await t.devices.setInputDevice('mic-1');
    expect(t.getUserMedia).not.toHaveBeenCalled();
    expect(t.mic().deviceId).toBe('mic-1');
    expect(t.devices.constraints()).toEqual({
      echoCancellation: false,
      noiseSuppression: true,
      autoGainControl: true,
      deviceId: { exact: 'mic-1' },
    });
  });

  it('a call that ends during the switch releases the new mic', async () => {
    const t = setup();
    let release!: () => void;
    t.replaceInputTrack.mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)));
    const switching = t.devices.setInputDevice('mic-1').catch((e: unknown) => e);
    await settle();
    t.hangUp();
    release();
    expect(((await switching) as RealtimeError).code).toBe('not_connected');
    expect(t.opened[0]!.track.readyState).toBe('ended');
  });
});

describe('session devices: the speaker of a transport that plays the audio itself (WebSocket)', () => {
  function withSink(fails = false) {
    const t = setup({ audio: { outputDeviceId: 'headset-out' } });
    const sinks: string[] = [];
    const media = {
      setInput: () => Promise.resolve(),
      setOutputDevice: (deviceId: string) =>
        fails
          ? Promise.reject(new RealtimeError('unsupported_environment', 'No setSinkId here.'))
          : Promise.resolve(void sinks.push(deviceId)),
    };
    (t.call as { transport: unknown }).transport = { media };
    return { ...t, sinks };
  }

  it('the speaker chosen in the options is applied once the call is up, and the store says so', async () => {
    const t = withSink();
    await t.devices.watch(t.call);
    await settle();
    expect(t.sinks).toEqual(['headset-out']);
    expect(t.store.getState().output.deviceId).toBe('headset-out');
    await t.devices.setOutputDevice('default');
    expect(t.sinks).toEqual(['headset-out', 'default']);
    expect(t.store.getState().output.deviceId).toBe('default');
  });

  it('a browser that cannot move the output warns and the call goes on', async () => {
    const t = withSink(true);
    await t.devices.watch(t.call);
    await settle();
    expect(t.warnings.map((w) => w.code)).toEqual(['unsupported_environment']);
    expect(t.store.getState().output.deviceId).toBeNull();
  });
});
