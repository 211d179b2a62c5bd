import type { RealtimeError } from '../core/errors.js';
import type { ClientEvent } from '../core/protocol/events.js';
import type { RealtimeSessionConfig } from '../core/protocol/session.js';
import type { RealtimeStore } from '../core/state/store.js';
import type { Emitter } from '../transport/createEmitter.js';
import type { Transport, TransportContext } from '../transport/Transport.js';
import { lazyTransport } from '../transport/lazyTransport.js';
import type { Call } from './call.js';
import type * as ConnectFailures from './connectFailures.js';
import type { SessionDevices } from './createSessionDevices.js';
import { defaultAudioEngine } from './defaultAudioEngine.js';
import type { LazyFeatures } from './lazySessionFeatures.js';
import type { SecretFacts } from './fetchClientSecret.js';
import { obtainSecret } from './obtainSecret.js';
import { openMic } from './openMic.js';
import type { Playback } from './playback.js';
import type { Reconnect } from './reconnect.js';
import { resolveEnvironment } from './resolveEnvironment.js';
import { createTransport } from './resolveTransport.js';
import { aborted, failures } from './sessionErrors.js';
import type { RealtimeSessionOptions, SessionEventMap } from './types.js';
import { startLazily } from './startLazily.js';
import { DEFAULT_DISCONNECT_GRACE_MS, watchCall } from './watchCall.js';

export type ConnectOptions = Pick<
  RealtimeSessionOptions,
  | 'environment'
  | 'audio'
  | 'apiBaseUrl'
  | 'callUrl'
  | 'transport'
  | 'getClientSecret'
  | 'clientSecretUrl'
  | 'dangerouslyAllowApiKeyInBrowser'
  | 'disconnectGraceMs'
  | 'sessionLimit'
  | 'apiKey'
  | 'relayUrl'
  | 'WebSocket'
  | 'model'
  | 'session'
  | 'tools'
>;

export interface ConnectDeps {
  options: ConnectOptions;
  timeoutMs: number;
  store: RealtimeStore;
  emitter: Emitter<SessionEventMap>;
  features: LazyFeatures;
  devices: SessionDevices;
  playback: Playback;
  reconnect: Reconnect;
  current: () => Call | null;
  muted: () => boolean;
  /** Every `updateSession()` of this conversation, restored on top of the connect config by a reconnect. */
  sessionUpdates: () => Partial<RealtimeSessionConfig>;
  nextEventId: () => string;
  notifyLevels: () => void;
  route: (call: Call, raw: string) => void;
  sendOn: (call: Call, event: ClientEvent) => void;
  /** Logs and reports an event the transport sent by itself. */
  reportSent: (event: ClientEvent) => void;
  /** A live call was lost (reconnect if allowed), failed, or ended by its limit. */
  lost: (call: Call, error: RealtimeError) => void;
  failCall: (call: Call, error: RealtimeError) => void;
  endSession: (call: Call, error: RealtimeError) => void;
}

/**
 * Brings `call` up, as OpenAI's GA flow wants it: the key, the mic (for a transport with media) and the features'
 * code in parallel, the transport's connect at once, then `session.created` and the connect config's
 * `session.updated`. Every await checks that the call is still the current one, so a later `connect()` or a
 * `disconnect()` wins cleanly. `resume` restores a lost conversation (a reconnect).
 */
export async function connectCall(deps: ConnectDeps, call: Call, resume: boolean): Promise<void> {
  const { options, store, features, timeoutMs } = deps;
  const step = async <T>(promise: Promise<T>): Promise<T> => {
    const value = await Promise.race([promise, call.failed]);
    if (deps.current() !== call || call.signal.aborted) throw aborted();
    return value;
  };
  const env = resolveEnvironment(options.environment, defaultAudioEngine);
  call.env = env;
  const found: SecretFacts = {};
  // With callUrl the server creates the call (createCallHandler): WebRTC, and no key is ever fetched.
  const callUrl = options.callUrl;
  // Its transport keeps the server's sideband tools out of the page and asks the server after a loss.
  const choice = callUrl
    ? (context: TransportContext) =>
        lazyTransport(
          (emitter) =>
            import('./serverCallTransport.js').then((m) =>
              m.serverCallTransport(context, callUrl, emitter, features, options),
            ),
          true,
        )
    : options.transport;
  const transport = createTransport(choice, () => options.apiBaseUrl ?? found.apiBaseUrl, env, call, options, found);
  call.transport = transport;
  call.own(transport.on('message', (raw) => deps.route(call, raw)));
  call.own(transport.on('remote_stream', (remote) => deps.playback.play(call, remote)));
  call.own(transport.on('close', (error) => (call.connected ? deps.lost(call, error) : call.fail(error))));

  const media = transport.media;
  if (media && env.AudioContext && env.createAudioEngine) {
    try {
      const workletUrl = options.audio?.workletUrl;
      const engine = env.createAudioEngine(
        workletUrl === undefined ? { AudioContext: env.AudioContext } : { AudioContext: env.AudioContext, workletUrl },
      );
      call.engine = engine;
      call.own(engine.subscribe(deps.notifyLevels));
    } catch {
      call.engine = null; // levels stay 0; the call works without them
    }
  }

  const mic =
    media && media.usesMic !== false
      ? openMic(call, {
          store,
          getUserMedia: env.getUserMedia,
          constraints: deps.devices.constraints(),
          isCurrent: (c) => deps.current() === c && !c.cleaned,
        })
      : Promise.resolve(null);
  // A relay holds the key itself; a Node app over WebSocket may hold a standard key.
  const key =
    callUrl || options.relayUrl !== undefined
      ? ''
      : (options.apiKey ?? obtainSecret(options, env.fetch, call.signal, timeoutMs, found));
  // A WebRTC call by default; any other choice reports more, with code loaded now and wired before connect.
  const chosen =
    choice && choice !== 'webrtc'
      ? import('./watchChosenTransport.js').then((m) => m.watchChosenTransport(deps, call, choice, env))
      : store.apply({ type: 'transport', transport: { kind: 'webrtc', fallback: null } });
  const keyAndMic = step(Promise.all([key, mic, features.prepare(), chosen]));
  // The meters' context is made once the key and mic requests are out, and still inside connect(), so inside
  // the click that started the call: browsers that start audio only from a user gesture (Safari) let it run.
  try {
    call.engine?.createContext?.();
  } catch {
    // Metering is optional.
  }
  // The same for playback: iOS Safari plays later only an element whose play() was asked for in the gesture.
  if (media && env.createAudioElement) {
    call.audio = env.createAudioElement();
    call.audio.play()?.catch(() => undefined);
  }
  const [secret, stream] = await keyAndMic;

  if (
    env.isBrowser &&
    options.relayUrl === undefined &&
    !callUrl &&
    !secret.startsWith('ek_') &&
    !options.dangerouslyAllowApiKeyInBrowser
  ) {
    throw (await failures()).apiKeyInBrowser();
  }
  const track = stream?.getAudioTracks()[0] ?? null;
  if (track) track.enabled = !deps.muted() && features.micOpen();
  if (media) await step(media.setInput(stream));

  call.armTimeout(timeoutMs, () => failures().then((f) => f.callTimeout(timeoutMs)));
  const created = new Promise<void>((resolve) => {
    call.onSessionCreated = resolve;
  });
  const { callId } = await step(transport.connect(secret, call.signal));
  store.apply({ type: 'call', callId });
  if (callId) deps.emitter.emit('call_started', { callId });
  meterWhenLoaded(deps, call);
  // Audio held back by a suspended context is reported, whichever transport plays it.
  deps.playback.watchContext(call);
  await step(created);

  const overrides = resume ? { ...features.connectConfig(), ...deps.sessionUpdates() } : features.connectConfig();
  if (overrides && Object.keys(overrides).length > 0) {
    const updated = new Promise<void>((resolve) => {
      call.onSessionUpdated = resolve;
    });
    call.updateEventId = deps.nextEventId();
    deps.sendOn(call, {
      type: 'session.update',
      event_id: call.updateEventId,
      session: { ...overrides, type: 'realtime' } as RealtimeSessionConfig,
    });
    await step(updated);
  }
  if (resume) {
    for (const event of await step(deps.reconnect.replay(store.getState))) deps.sendOn(call, event);
    deps.reconnect.restart();
  }
  call.clearTimeout();
  call.connected = true;
  store.apply({ type: 'status', status: 'connected' });
  deps.devices.watch(call).catch(() => undefined);
  call.own(watchLive(deps, call, transport, track));
}

/**
 * Metering never delays the call. The worklet loads once the answer is in, while ICE and DTLS run: loaded beside
 * the key and mic requests, its fetch and compile held the main thread on the offer's path (about 7 ms per
 * connect on loopback, measured by `npm run bench`). The mic is attached to the meter once it has loaded.
 */
function meterWhenLoaded(deps: ConnectDeps, call: Call): void {
  const engine = call.engine;
  if (!engine) return;
  const attach = () => {
    if (call.cleaned || deps.current() !== call || call.engine !== engine || !call.stream) return;
    try {
      engine.attachMic(call.stream);
      engine.setMuted?.(deps.muted());
    } catch {
      // Metering is optional.
    }
  };
  // Over WebSocket the worklet is also the only way the mic reaches the server: without it the call is deaf,
  // which must not go unsaid.
  const failed = (cause: unknown) => {
    attach();
    if (call.transport?.media?.appendInputAudio && deps.current() === call && !call.cleaned)
      void failures().then((f) => deps.emitter.emit('warning', f.captureUnavailable(cause)));
  };
  try {
    void engine.loadWorklet().then(attach, failed);
  } catch (cause) {
    failed(cause);
  }
}

/** What ends a live call from outside: a long network loss, the mic going away, the session's time limit. */
function watchLive(deps: ConnectDeps, call: Call, transport: Transport, track: MediaStreamTrack | null): () => void {
  // The errors (and their advice) load when one of these happens; the handlers check the call is still current.
  const then = (use: (f: typeof ConnectFailures) => void) => void failures().then(use, () => undefined);
  const stopChecks = startLazily(() =>
    import('./connectedChecks.js').then(({ watchConnected }) =>
      watchConnected({
        peer: () => (transport.getStats ? { getStats: () => transport.getStats?.() } : null),
        responding: () => deps.store.getState().activeResponseId !== null,
        engine: () => call.engine,
        micOn: () => !deps.muted() && deps.features.micOpen(),
        silenceMs: deps.options.disconnectGraceMs,
        lost: (error) => deps.lost(call, error),
        warn: (warning) => deps.emitter.emit('warning', warning),
      }),
    ),
  );
  const stopWatch = watchCall({
    onConnectionState: (listener) => transport.on('connection_state', listener),
    micTrack: track,
    graceMs: deps.options.disconnectGraceMs ?? DEFAULT_DISCONNECT_GRACE_MS,
    limit: deps.options.sessionLimit,
    onDisconnectedTooLong: (graceMs) => then((f) => deps.lost(call, f.networkLost(graceMs))),
    onMicEnded: () => then((f) => deps.failCall(call, f.micEnded())),
    onLimitWarning: (remainingMs) => deps.emitter.emit('session_limit_warning', { remainingMs }),
    onLimitReached: (limitMs) => then((f) => deps.endSession(call, f.limitReached(limitMs))),
  });
  return () => {
    stopChecks();
    stopWatch();
  };
}
