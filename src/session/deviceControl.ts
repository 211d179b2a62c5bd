import { queryMicPermission } from '../audio/devices.js';
import { RealtimeError } from '../core/errors.js';
import type { MicPermission } from '../core/state/types.js';
import type { DeviceCall, DeviceChoices, SessionDevicesContext } from './createSessionDevices.js';
import { resolveDeviceEnvironment, watchSessionDevices } from './watchSessionDevices.js';

const isDefault = (deviceId: string | null | undefined) => !deviceId || deviceId === 'default';

/**
 * What the session does with devices beyond remembering the choices: switching them mid-call, following the
 * system default input, and the mic permission in the store. Loaded on first use (a call coming up, a switch,
 * a permission check), never on the connect's path.
 */
export function createDeviceControl(ctx: SessionDevicesContext, choices: DeviceChoices) {
  const audio = ctx.options.audio;
  // Switches run one after another, so the last one asked for is the one that stays.
  let switching: Promise<unknown> = Promise.resolve();

  const setPermission = (permission: MicPermission) => {
    const state = ctx.store.getState().mic;
    // Some browsers answer `prompt` to a query even while a one-time grant is in use: a live mic says more.
    const call = ctx.current();
    const holdingMic = call?.stream?.getAudioTracks().some((t) => t.readyState === 'live') ?? false;
    if (holdingMic && permission !== 'denied') return;
    if (state.permission !== permission) ctx.store.apply({ type: 'mic', patch: { permission } });
  };

  function switchOn(call: DeviceCall, deviceId: string | null): Promise<void> {
    const getUserMedia = call.env?.getUserMedia;
    const run = async () => {
      if (!getUserMedia)
        throw new RealtimeError('mic_unavailable', 'This page cannot open a microphone (no getUserMedia).');
      // Switching code loads on the first switch: most calls never change the mic.
      const { switchInputDevice } = await import('./switchInputDevice.js');
      const result = await switchInputDevice(call, deviceId, {
        getUserMedia,
        audio,
        muted: ctx.muted(),
        stillCurrent: () => ctx.current() === call && !call.cleaned,
        onPermission: setPermission,
      });
      ctx.store.apply({ type: 'mic', patch: { deviceId: result.deviceId ?? 'default' } });
    };
    const next = switching.then(run, run);
    switching = next.catch(() => undefined);
    return next;
  }

  return {
    /** Starts following devices and permission for a call that just connected; stops when it is cleaned up. */
    watch(call: DeviceCall): void {
      if (call.cleaned || ctx.current() !== call) return;
      // A transport that plays the audio itself (WebSocket) starts on the system default; the <audio> element of
      // WebRTC gets the chosen speaker when it starts playing instead.
      const media = call.transport?.media;
      if (choices.output && !isDefault(choices.output) && media?.setOutputDevice) {
        const deviceId = choices.output;
        media.setOutputDevice(deviceId).then(
          () => {
            if (ctx.current() === call) ctx.store.apply({ type: 'output', patch: { deviceId } });
          },
          (error: unknown) => {
            if (ctx.current() === call && error instanceof RealtimeError) ctx.warn(error);
          },
        );
      }
      const env = resolveDeviceEnvironment(ctx.options.environment);
      call.own(
        watchSessionDevices(env, {
          chosenInput: () => choices.input,
          switchInput: (deviceId) => {
            choices.input = deviceId;
            if (ctx.current() !== call || call.cleaned) return;
            switchOn(call, deviceId).catch((error: unknown) => {
              if (error instanceof RealtimeError && error.code !== 'not_connected') ctx.warn(error);
            });
          },
          permission: setPermission,
          error: () => undefined,
        }),
      );
    },

    setInputDevice(deviceId: string): Promise<void> {
      choices.input = isDefault(deviceId) ? null : deviceId;
      const call = ctx.current();
      if (!call?.connected || call.cleaned) {
        ctx.store.apply({ type: 'mic', patch: { deviceId: choices.input ?? 'default' } });
        return Promise.resolve();
      }
      // The default is opened without a deviceId constraint: only Chromium lists a device called 'default'.
      return switchOn(call, choices.input);
    },

    async setOutputDevice(deviceId: string): Promise<void> {
      const call = ctx.current();
      const element = call && !call.cleaned ? call.audio : null;
      const media = call && !call.cleaned ? call.transport?.media : undefined;
      // A transport that plays the audio itself (WebSocket) has no <audio> element: its AudioContext moves.
      if (media?.setOutputDevice) await media.setOutputDevice(deviceId);
      else if (element) await (await import('./applyOutputDevice.js')).applyOutputDevice(element, deviceId);
      choices.output = isDefault(deviceId) ? null : deviceId;
      ctx.store.apply({ type: 'output', patch: { deviceId: choices.output ?? 'default' } });
    },

    async checkMicPermission(): Promise<MicPermission> {
      const env = resolveDeviceEnvironment(ctx.options.environment);
      const permission = await queryMicPermission(
        env.permissions
          ? { mediaDevices: env.mediaDevices ?? undefined, permissions: env.permissions }
          : { mediaDevices: env.mediaDevices ?? undefined },
      );
      setPermission(permission);
      return ctx.store.getState().mic.permission;
    },
  };
}
