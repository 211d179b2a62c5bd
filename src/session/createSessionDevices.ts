import { RealtimeError } from '../core/errors.js';
import type { RealtimeStore } from '../core/state/store.js';
import type { MicPermission } from '../core/state/types.js';
import { micConstraints } from './micConstraints.js';
import type { InputSwitchTarget } from './switchInputDevice.js';
import type { RealtimeSessionOptions } from './types.js';

/** The parts of a session's current call that device changes touch. */
export interface DeviceCall extends InputSwitchTarget {
  readonly connected: boolean;
  readonly cleaned: boolean;
  readonly audio: HTMLAudioElement | null;
  readonly env: { getUserMedia: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | null } | null;
  /** Runs `release` when the call ends. */
  own(release: () => void): void;
}

export interface SessionDevicesContext {
  options: RealtimeSessionOptions;
  store: RealtimeStore;
  current(): DeviceCall | null;
  muted(): boolean;
  /** Reports a failure nobody awaits (an automatic switch): the call goes on. */
  warn(error: RealtimeError): void;
}

const isDefault = (deviceId: string | null | undefined) => !deviceId || deviceId === 'default';

/**
 * The session's device choices: which mic and speaker to use, switching them mid-call, following the system
 * default input, and the mic permission in the store. One per session; it outlives calls so choices made
 * while disconnected apply to the next `connect()`.
 */
export function createSessionDevices(ctx: SessionDevicesContext) {
  const audio = ctx.options.audio;
  let inputChoice: string | null = isDefault(audio?.inputDeviceId) ? null : (audio?.inputDeviceId ?? null);
  let outputChoice: string | null = audio?.outputDeviceId ?? null;
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
      if (!getUserMedia) throw new RealtimeError('mic_unavailable', 'This page cannot open a microphone (no getUserMedia).');
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
    /** Constraints for the mic `connect()` opens. */
    constraints: () => micConstraints(audio, inputChoice),
    outputDeviceId: () => outputChoice,

    /**
     * Starts following devices and permission for a call that just connected; stops when it is cleaned up. The
     * code loads then, not with the session: no connect waits for it.
     */
    async watch(call: DeviceCall): Promise<void> {
      const { resolveDeviceEnvironment, watchSessionDevices } = await import('./watchSessionDevices.js');
      if (call.cleaned || ctx.current() !== call) return;
      const env = resolveDeviceEnvironment(ctx.options.environment);
      call.own(
        watchSessionDevices(env, {
          chosenInput: () => inputChoice,
          switchInput: (deviceId) => {
            inputChoice = deviceId;
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
      inputChoice = isDefault(deviceId) ? null : deviceId;
      const call = ctx.current();
      if (!call?.connected || call.cleaned) {
        ctx.store.apply({ type: 'mic', patch: { deviceId: inputChoice ?? 'default' } });
        return Promise.resolve();
      }
      // The default is opened without a deviceId constraint: only Chromium lists a device called 'default'.
      return switchOn(call, inputChoice);
    },

    async setOutputDevice(deviceId: string): Promise<void> {
      const call = ctx.current();
      const element = call && !call.cleaned ? call.audio : null;
      if (element) await (await import('./applyOutputDevice.js')).applyOutputDevice(element, deviceId);
      outputChoice = isDefault(deviceId) ? null : deviceId;
      ctx.store.apply({ type: 'output', patch: { deviceId: outputChoice ?? 'default' } });
    },

    async checkMicPermission(): Promise<MicPermission> {
      const [{ queryMicPermission }, { resolveDeviceEnvironment }] = await Promise.all([
        import('../audio/devices.js'),
        import('./watchSessionDevices.js'),
      ]);
      const env = resolveDeviceEnvironment(ctx.options.environment);
      const permission = await queryMicPermission(
        env.permissions ? { mediaDevices: env.mediaDevices ?? undefined, permissions: env.permissions } : { mediaDevices: env.mediaDevices ?? undefined },
      );
      setPermission(permission);
      return ctx.store.getState().mic.permission;
    },
  };
}

export type SessionDevices = ReturnType<typeof createSessionDevices>;
