import { describe, expect, it } from 'vitest';
import type { MicPermission } from '../core/state/types.js';
import { FakeMediaDevices, fakePermissions, laptop, settle, withHeadset } from '../../test/support/deviceDoubles.js';
import { watchSessionDevices, type SessionDeviceEnvironment } from './watchSessionDevices.js';

function watch(env: SessionDeviceEnvironment, chosen: string | null) {
  const switches: Array<string | null> = [];
  const permissions: MicPermission[] = [];
  const errors: unknown[] = [];
  const stop = watchSessionDevices(env, {
    chosenInput: () => chosen,
    switchInput: (deviceId) => switches.push(deviceId),
    permission: (p) => permissions.push(p),
    error: (e) => errors.push(e),
  });
  return { switches, permissions, errors, stop };
}

describe('watchSessionDevices', () => {
  it('on the system default: re-opens the default when the OS makes another device the default', async () => {
    const mediaDevices = new FakeMediaDevices(laptop());
    const w = watch({ mediaDevices, permissions: null }, null);
    await settle();
    expect(w.switches).toEqual([]); // the first listing is not a change

    mediaDevices.change(withHeadset(false)); // plugged in, default unchanged
    await settle();
    expect(w.switches).toEqual([]);

    mediaDevices.change(withHeadset(true)); // same 'default' id, new groupId and label
    await settle();
    expect(w.switches).toEqual([null]);
    expect(w.errors).toEqual([]);
  });

  it('on a chosen device: ignores default changes and other devices, falls back to the default when it disappears', async () => {
    const mediaDevices = new FakeMediaDevices(withHeadset(false));
    const w = watch({ mediaDevices, permissions: null }, 'mic-1');
    await settle();
    mediaDevices.change(withHeadset(true));
    await settle();
    mediaDevices.change(laptop()); // the headset goes; mic-1 stays
    await settle();
    expect(w.switches).toEqual([]);

    mediaDevices.change(laptop().filter((d) => d.deviceId !== 'mic-1'));
    await settle();
    expect(w.switches).toEqual([null]);
  });

  it('reports the permission now and as the user changes it in the browser', async () => {
    const { status, permissions } = fakePermissions('prompt');
    const w = watch({ mediaDevices: new FakeMediaDevices(laptop()), permissions }, null);
    await settle();
    status.set('granted');
    status.set('denied');
    expect(w.permissions).toEqual(['prompt', 'granted', 'denied']);
  });

  it('without a Permissions API the permission is prompt (getUserMedia tells the truth later)', async () => {
    const w = watch({ mediaDevices: new FakeMediaDevices(laptop()), permissions: null }, null);
    await settle();
    expect(w.permissions).toEqual(['prompt']);
  });

  it('stops following devices and permission when stopped', async () => {
    const mediaDevices = new FakeMediaDevices(laptop());
    const { status, permissions } = fakePermissions('granted');
    const w = watch({ mediaDevices, permissions }, null);
    await settle();
    w.stop();
    mediaDevices.change(withHeadset(true));
    status.set('denied');
    await settle();
    expect(w.switches).toEqual([]);
    expect(w.permissions).toEqual(['granted']);
  });

  it('without mediaDevices (an insecure page) watches nothing', async () => {
    const w = watch({ mediaDevices: null, permissions: fakePermissions('granted').permissions }, null);
    await settle();
    expect(w).toMatchObject({ switches: [], permissions: [], errors: [] });
    w.stop();
  });
});
