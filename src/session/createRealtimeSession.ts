import { RealtimeError, isRealtimeError } from '../core/errors.js';
import type { ClientEvent, ErrorEvent } from '../core/protocol/events.js';
import type { RealtimeSessionConfig } from '../core/protocol/session.js';
import { createRealtimeStore } from '../core/state/store.js';
import type { ErrorInfo } from '../core/state/types.js';
import { createEmitter } from '../transport/createEmitter.js';
import { createPlaybackBlock } from './createPlaybackBlock.js';
import { createSessionDevices } from './createSessionDevices.js';
import { createWebRtcTransport, type WebRtcTransport } from '../transport/webrtc/createWebRtcTransport.js';
import { errorOptionsFrom } from '../transport/webrtc/sdp.js';
import { createOutputGate } from './createOutputGate.js';
import { featureMethods } from './featureMethods.js';
import { lazySessionFeatures } from './lazySessionFeatures.js';
import { defaultAudioEngine } from './defaultAudioEngine.js';
import { fetchClientSecret } from './fetchClientSecret.js';
import { micError, noMicrophoneApi } from './micError.js';
import { isRecoverable, reconnectDelay } from './reconnectPolicy.js';
import { stopStream } from './stopStream.js';
import { serverErrorPayload } from './serverErrorPayload.js';
import { DEFAULT_DISCONNECT_GRACE_MS, watchCall } from './watchCall.js';
import { resolveEnvironment, type ResolvedEnvironment } from './resolveEnvironment.js';
import type { SessionAudioEngine } from './SessionAudioEngine.js';
import type { RealtimeSession, RealtimeSessionOptions, SessionEventMap } from './types.js';

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

/** One connection: everything it opened, so that ending it frees exactly that. */
interface Attempt {
  readonly controller: AbortController;
  /** Rejects when the attempt fails from outside an await (abort, timeout, transport lost). */
  readonly failed: Promise<never>;
  fail(error: RealtimeError): void;
  stream: MediaStream | null;
  transport: WebRtcTransport | null;
  engine: SessionAudioEngine | null;
  audio: HTMLAudioElement | null;
  env: ResolvedEnvironment | null;
  connected: boolean;
  cleaned: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  onSessionCreated: (() => void) | null;
  onSessionUpdated: (() => void) | null;
  updateEventId: string | null;
  unsubscribe: Array<() => void>;
  /** Where the key endpoint said its key is valid (`realtimeDevServer()`'s emulator). */
  apiBaseUrl?: string;
}

const aborted = () => new RealtimeError('aborted', 'The connection attempt was cancelled by disconnect().');
const notConnected = (event: ClientEvent) =>
  new RealtimeError('not_connected', `Cannot send "${event.type}": the session is not connected. Call connect() first.`);
const noop = () => undefined;

/**
 * A Realtime voice session over WebRTC: mic in, model audio out, events reduced into `store`. Nothing is
 * touched (mic, network, globals) until `connect()`.
 */
export function createRealtimeSession(options: RealtimeSessionOptions = {}): RealtimeSession {
  const store = createRealtimeStore(options.eventLogSize === undefined ? {} : { eventLogSize: options.eventLogSize });
  const emitter = createEmitter<SessionEventMap>();
  const levelListeners = new Set<() => void>();
  const timeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let current: Attempt | null = null;
  let inflight: Promise<void> | null = null;
  let muted = false;
  const devices = createSessionDevices({
    options,
    store,
    current: () => current,
    muted: () => muted,
    warn: (error) => emitter.emit('warning', error),
  });
  const playback = createPlaybackBlock(store);
  let clientEventCounter = 0;
  // What a reconnect restores on top of the connect config: every updateSession() of this conversation.
  let sessionUpdates: Partial<RealtimeSessionConfig> = {};
  let reconnectTries = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  const features = lazySessionFeatures({
    options,
    store,
    send: (event) => send(event),
    interrupt: () => interrupt(),
    applyMicGate: () => {
      const track = current?.stream?.getAudioTracks()[0];
      if (track) track.enabled = !muted && features.micOpen();
    },
    onToolError: (error, call) => {
      emitter.emit('tool_error', { error, call });
      emitter.emit('error', error);
    },
  });
  // Each change replaces that call's state object, so an object not seen before is a change to report.
  const reportedCalls = new WeakSet<object>();
  features.subscribeToolCalls(() => {
    for (const call of features.getToolCalls()) {
      if (reportedCalls.has(call)) continue;
      reportedCalls.add(call);
      emitter.emit('tool_call', call);
    }
  });
  const outputGate = createOutputGate(() => (current?.audio?.srcObject ?? null) as MediaStream | null);

  // Set while a new connect resets the store, so listeners see closed -> connecting, not a passing idle.
  let resetting = false;
  store.subscribe((state, previous) => {
    if (!resetting && state.status !== previous.status) emitter.emit('status', state.status);
  });

  const notifyLevels = () => {
    for (const listener of levelListeners) listener();
  };

  function createAttempt(): Attempt {
    let reject!: (error: RealtimeError) => void;
    const failed = new Promise<never>((_, r) => {
      reject = r;
    });
    failed.catch(noop);
    return {
      controller: new AbortController(),
      failed,
      fail: (error) => reject(error),
      stream: null,
      transport: null,
      engine: null,
      audio: null,
      env: null,
      connected: false,
      cleaned: false,
      timer: undefined,
      onSessionCreated: null,
      onSessionUpdated: null,
      updateEventId: null,
      unsubscribe: [],
    };
  }

  /** Awaits `promise` unless the attempt fails first, then checks it is still the current one. */
  async function step<T>(attempt: Attempt, promise: Promise<T>): Promise<T> {
    const value = await Promise.race([promise, attempt.failed]);
    if (current !== attempt || attempt.controller.signal.aborted) throw aborted();
    return value;
  }

  function armTimeout(attempt: Attempt, message: string): void {
    clearTimeout(attempt.timer);
    attempt.timer = setTimeout(() => attempt.fail(new RealtimeError('connect_timeout', message)), timeoutMs);
  }

  /** Frees everything the attempt opened; resolves when its AudioContext has closed. Idempotent. */
  function cleanup(attempt: Attempt): Promise<void> {
    if (attempt.cleaned) return Promise.resolve();
    attempt.cleaned = true;
    clearTimeout(attempt.timer);
    attempt.controller.abort();
    for (const unsubscribe of attempt.unsubscribe) unsubscribe();
    attempt.unsubscribe.length = 0;
    attempt.transport?.close();
    stopStream(attempt.stream);
    if (attempt.audio) {
      attempt.audio.pause();
      attempt.audio.srcObject = null;
    }
    const engine = attempt.engine;
    attempt.engine = null;
    if (!engine) return Promise.resolve();
    notifyLevels();
    return engine.close().catch(noop);
  }

  function toErrorInfo(error: RealtimeError): ErrorInfo {
    const info: ErrorInfo = { source: 'client', code: error.code, message: error.message };
    if (error.status !== undefined) info.status = error.status;
    if (error.serverType !== undefined) info.type = error.serverType;
    if (error.param !== undefined) info.param = error.param;
    return info;
  }

  /** Ends a current attempt with an error: frees everything, records it, says so. */
  function failAttempt(attempt: Attempt, error: RealtimeError): void {
    void cleanup(attempt);
    if (current !== attempt) return;
    current = null;
    features.reset();
    store.apply({ type: 'error', error: toErrorInfo(error) });
    store.apply({ type: 'status', status: 'failed' });
    emitter.emit('error', error);
  }

  /** A live call was lost: reconnect if the options allow it, else fail. */
  function lost(attempt: Attempt, error: RealtimeError): void {
    if (current !== attempt) return;
    reconnectTries = 0;
    if (!reconnectAgain(attempt, error)) failAttempt(attempt, error);
  }

  /** Frees the attempt and schedules the next reconnect try, if one is left. True when it did. */
  function reconnectAgain(attempt: Attempt, error: RealtimeError): boolean {
    const policy = options.reconnect;
    if (!policy || reconnectTries >= policy.attempts || !isRecoverable(error.code)) return false;
    reconnectTries++;
    import('./replayTranscript.js').catch(noop);
    void cleanup(attempt);
    current = null;
    store.apply({ type: 'status', status: 'reconnecting' });
    emitter.emit('warning', error);
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void start(true);
    }, reconnectDelay(policy, reconnectTries));
    return true;
  }

  /** The session ends without a fault of the client's: status `closed`, the reason kept in `lastError`. */
  function endSession(attempt: Attempt, error: RealtimeError): void {
    void cleanup(attempt);
    if (current !== attempt) return;
    current = null;
    store.apply({ type: 'error', error: toErrorInfo(error) });
    store.apply({ type: 'status', status: 'closed' });
    emitter.emit('error', error);
  }

  function sendOn(attempt: Attempt, event: ClientEvent): void {
    if (!attempt.transport) throw notConnected(event);
    attempt.transport.send(event);
    store.logClientEvent(event);
    emitter.emit('client_event', event);
  }

  function handleMessage(attempt: Attempt, raw: string): void {
    if (current !== attempt) return;
    const previousError = store.getState().lastError;
    const parsed = store.receive(raw);
    if (!parsed.ok) {
      emitter.emit(
        'warning',
        new RealtimeError('protocol_error', `Ignored a server event (${parsed.reason}); it is kept in the event log.`),
      );
      return;
    }
    const event = parsed.event;
    features.onServerEvent(event);
    outputGate.onServerEvent(event as { type: string });
    switch (event.type) {
      case 'session.created':
        attempt.onSessionCreated?.();
        break;
      case 'session.updated':
        attempt.onSessionUpdated?.();
        break;
      case 'error':
        handleServerError(attempt, event, previousError);
        break;
      default:
        break;
    }
    emitter.emit('server_event', event);
  }

  function handleServerError(attempt: Attempt, event: ErrorEvent, previousError: ErrorInfo | null): void {
    const payload = serverErrorPayload(event);
    if (features.isBenignError(payload.code)) {
      // A request raced a response that started or ended on its own: the queue handles it, nothing failed.
      store.apply(previousError === null ? { type: 'clear_error' } : { type: 'error', error: previousError });
      return;
    }
    const errorOptions = errorOptionsFrom(payload);
    const message =
      payload.code === 'cannot_update_voice'
        ? `The voice cannot change once the assistant has spoken in this session: set audio.output.voice in options.session before connecting, or start a new conversation. (${payload.message})`
        : payload.message;
    const error = new RealtimeError('server_error', message, errorOptions);
    if (payload.code === 'session_expired') {
      endSession(attempt, new RealtimeError('session_expired', `${payload.message} Connect again to start a new session.`, errorOptions));
      return;
    }
    // The config the caller asked for was refused: do not go live under a different one.
    if (!attempt.connected && attempt.updateEventId !== null && payload.event_id === attempt.updateEventId) {
      attempt.fail(
        new RealtimeError(
          'server_error',
          `The server refused the session config passed in options.session: ${payload.message}`,
          errorOptions,
        ),
      );
      return;
    }
    emitter.emit('error', error);
  }

  function playRemote(attempt: Attempt, stream: MediaStream): void {
    if (current !== attempt || !attempt.env) return;
    try {
      attempt.engine?.attachRemote(stream);
    } catch {
      // Metering is optional; playback below is what matters.
    }
    attempt.unsubscribe.push(playback.watch(attempt.engine?.context ?? null));
    const create = attempt.env.createAudioElement;
    if (!create) return;
    const audio = attempt.audio ?? create();
    attempt.audio = audio;
    audio.autoplay = true;
    audio.srcObject = stream;
    const sinkId = devices.outputDeviceId();
    const withSink = audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (sinkId && typeof withSink.setSinkId === 'function') {
      void withSink.setSinkId(sinkId).then(
        () => store.apply({ type: 'output', patch: { deviceId: sinkId } }),
        noop,
      );
    }
    // A refusal is reported as state.output.playbackBlocked; the rejection itself has no one to go to.
    startPlayback(attempt, audio).catch(noop);
  }

  function startPlayback(attempt: Attempt, audio: HTMLAudioElement): Promise<void> {
    let played: Promise<void> | undefined;
    try {
      played = audio.play();
    } catch (error) {
      played = Promise.reject(error);
    }
    return Promise.resolve(played).then(
      () => {
        if (current === attempt) playback.element(true);
      },
      (error: unknown) => {
        if (current !== attempt) return;
        if ((error as { name?: unknown } | null)?.name === 'NotAllowedError') {
          playback.element(false);
        }
        throw error;
      },
    );
  }

  async function obtainSecret(attempt: Attempt, env: ResolvedEnvironment): Promise<string> {
    const signal = attempt.controller.signal;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new RealtimeError(
              'connect_timeout',
              `The key endpoint did not answer within ${timeoutMs} ms. Check that your server is up, then connect again.`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      let request: Promise<string>;
      if (options.getClientSecret) {
        request = options.getClientSecret(signal).then(
          (value) => {
            if (typeof value !== 'string' || !value) {
              throw new RealtimeError('client_secret_failed', 'getClientSecret() returned no key; it must resolve to an "ek_..." string.');
            }
            return value;
          },
          (cause: unknown) => {
            if (isRealtimeError(cause)) throw cause;
            throw new RealtimeError(
              'client_secret_failed',
              `getClientSecret() failed (${cause instanceof Error ? cause.message : String(cause)}). Check the code that fetches the key.`,
              { cause },
            );
          },
        );
      } else if (options.clientSecretUrl) {
        if (!env.fetch) {
          throw new RealtimeError('unsupported_environment', 'No fetch() here; pass environment.fetch.');
        }
        request = fetchClientSecret(options.clientSecretUrl, env.fetch, signal, attempt);
      } else {
        throw new RealtimeError(
          'client_secret_failed',
          'No way to get a key: pass clientSecretUrl (your endpoint built with talkwire/server) or getClientSecret.',
        );
      }
      return await Promise.race([request, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function openMic(attempt: Attempt, env: ResolvedEnvironment): Promise<MediaStream> {
    if (!env.getUserMedia) {
      store.apply({ type: 'mic', patch: { permission: 'unavailable' } });
      throw noMicrophoneApi();
    }
    const audio = devices.constraints();
    let stream: MediaStream;
    try {
      stream = await env.getUserMedia({ audio });
    } catch (cause) {
      if (current === attempt && !attempt.cleaned) {
        const { error, permission } = micError(cause);
        store.apply({ type: 'mic', patch: { permission } });
        throw error;
      }
      throw aborted();
    }
    // The permission prompt can outlive the attempt: a late grant is released at once.
    if (attempt.cleaned || current !== attempt) {
      stopStream(stream);
      throw aborted();
    }
    attempt.stream = stream;
    const track = stream.getAudioTracks()[0];
    if (!track) {
      throw new RealtimeError('mic_unavailable', 'The microphone stream has no audio track. Pick another input, then connect again.');
    }
    store.apply({
      type: 'mic',
      patch: { permission: 'granted', deviceId: track.getSettings?.().deviceId ?? null },
    });
    return stream;
  }

  /** Meters the attempt's mic (the current one, after a device switch); never once the attempt has ended. */
  function meterMic(attempt: Attempt): void {
    const engine = attempt.engine;
    if (attempt.cleaned || current !== attempt || !engine || !attempt.stream) return;
    try {
      engine.attachMic(attempt.stream);
      engine.setMuted?.(muted);
    } catch {
      // Metering is optional.
    }
  }

  async function run(attempt: Attempt, resume = false): Promise<void> {
    // A reconnect keeps the conversation on screen and stays `reconnecting` until the new call is ready.
    if (resume) {
      features.reset();
    } else {
      sessionUpdates = {};
      resetting = true;
      store.apply({ type: 'reset' });
      features.reset();
      resetting = false;
      if (muted) store.apply({ type: 'mic', patch: { muted } });
      store.apply({ type: 'status', status: 'connecting' });
    }
    const env = resolveEnvironment(options.environment, defaultAudioEngine);
    attempt.env = env;

    if (!env.RTCPeerConnection) {
      throw new RealtimeError(
        'unsupported_environment',
        'This browser has no RTCPeerConnection, so it cannot hold a voice call. Use a current Chrome, Edge, Firefox or Safari.',
      );
    }
    if (env.AudioContext && env.createAudioEngine) {
      try {
        const engine = env.createAudioEngine(
          options.audio?.workletUrl === undefined
            ? { AudioContext: env.AudioContext }
            : { AudioContext: env.AudioContext, workletUrl: options.audio.workletUrl },
        );
        attempt.engine = engine;
        attempt.unsubscribe.push(engine.subscribe(notifyLevels));
      } catch {
        attempt.engine = null; // levels stay 0; the call works without them
      }
    }

    const keyAndMic = step(attempt, Promise.all([obtainSecret(attempt, env), openMic(attempt, env), features.prepare()]));
    // The meters' context is made once the key and mic requests are out, and still inside connect(), so inside
    // the click that started the call: browsers that start audio only from a user gesture (Safari) let it run.
    try {
      attempt.engine?.createContext?.();
    } catch {
      // Metering is optional.
    }
    const [secret, stream] = await keyAndMic;

    if (env.isBrowser && !secret.startsWith('ek_') && !options.dangerouslyAllowApiKeyInBrowser) {
      throw new RealtimeError(
        'api_key_in_browser',
        'Refused to use a standard API key in the browser: anyone could copy it. Mint an ephemeral "ek_" key on your server (talkwire/server createClientSecretHandler) and pass its URL as clientSecretUrl.',
      );
    }

    const track = stream.getAudioTracks()[0] ?? null;
    if (track) track.enabled = !muted && features.micOpen();

    armTimeout(
      attempt,
      `The Realtime call was not ready within ${timeoutMs} ms (SDP exchange, network or session start). Check apiBaseUrl and the network, then connect again.`,
    );
    const transportOptions: Parameters<typeof createWebRtcTransport>[0] = {
      fetch: env.fetch ?? ((() => Promise.reject(new Error('no fetch() available'))) as typeof fetch),
      RTCPeerConnection: env.RTCPeerConnection,
      inputTrack: track,
      inputStream: stream,
    };
    const apiBaseUrl = options.apiBaseUrl ?? attempt.apiBaseUrl;
    if (apiBaseUrl !== undefined) transportOptions.apiBaseUrl = apiBaseUrl;
    const transport = createWebRtcTransport(transportOptions);
    attempt.transport = transport;
    attempt.unsubscribe.push(
      transport.on('message', (raw) => handleMessage(attempt, raw)),
      transport.on('remote_stream', (remote) => playRemote(attempt, remote)),
      transport.on('close', (error) => {
        if (attempt.connected) lost(attempt, error);
        else attempt.fail(error);
      }),
    );

    const created = new Promise<void>((resolve) => {
      attempt.onSessionCreated = resolve;
    });
    const { callId } = await step(attempt, transport.connect(secret, attempt.controller.signal));
    store.apply({ type: 'call', callId });
    // Metering never delays the call. The worklet loads now, while ICE and DTLS run: loaded beside the key and
    // mic requests, its fetch and compile held the main thread on the offer's path (about 7 ms per connect on
    // loopback, measured by `npm run bench`). The mic is attached to the meter once it has loaded.
    try {
      if (attempt.engine) void attempt.engine.loadWorklet().catch(noop).then(() => meterMic(attempt));
    } catch {
      // Metering is optional.
    }
    await step(attempt, created);

    const overrides = resume ? { ...features.connectConfig(), ...sessionUpdates } : features.connectConfig();
    if (overrides && Object.keys(overrides).length > 0) {
      const updated = new Promise<void>((resolve) => {
        attempt.onSessionUpdated = resolve;
      });
      attempt.updateEventId = `talkwire_connect_${++clientEventCounter}`;
      sendOn(attempt, {
        type: 'session.update',
        event_id: attempt.updateEventId,
        session: { ...overrides, type: 'realtime' } as RealtimeSessionConfig,
      });
      await step(attempt, updated);
    }

    if (resume) {
      // Loaded on the first reconnect (warmed during its backoff): sessions that never reconnect never load it.
      const { replayTranscript } = await step(attempt, import('./replayTranscript.js'));
      for (const event of replayTranscript(store.getState())) sendOn(attempt, event);
      reconnectTries = 0;
    }
    clearTimeout(attempt.timer);
    attempt.connected = true;
    store.apply({ type: 'status', status: 'connected' });
    devices.watch(attempt);
    attempt.unsubscribe.push(
      watchCall({
        onConnectionState: (listener) => transport.on('connection_state', listener),
        micTrack: track,
        graceMs: options.disconnectGraceMs ?? DEFAULT_DISCONNECT_GRACE_MS,
        limit: options.sessionLimit,
        onDisconnectedTooLong: (graceMs) =>
          lost(
            attempt,
            new RealtimeError(
              'connection_failed',
              `The network connection was lost for more than ${Math.round(graceMs / 1000)} s, so the call ended. Check the network, then connect again.`,
            ),
          ),
        onMicEnded: () =>
          failAttempt(
            attempt,
            new RealtimeError(
              'mic_unavailable',
              'The microphone stopped (unplugged, or its permission was revoked), so the call ended. Connect a microphone, then connect again.',
            ),
          ),
        onLimitWarning: (remainingMs) => emitter.emit('session_limit_warning', { remainingMs }),
        onLimitReached: (limitMs) =>
          endSession(
            attempt,
            new RealtimeError(
              'session_expired',
              `The session reached its maximum duration (${Math.round(limitMs / 60_000)} min). Connect again to start a new session.`,
            ),
          ),
      }),
    );
  }

  function connect(): Promise<void> {
    if (inflight) return inflight;
    if (current?.connected) return Promise.resolve();
    // While a reconnect waits for its backoff, connect() tries at once and keeps the conversation.
    return start(reconnectTimer !== undefined);
  }

  function start(resume: boolean): Promise<void> {
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    const attempt = createAttempt();
    current = attempt;
    const promise = run(attempt, resume).catch((cause: unknown) => {
      const error = isRealtimeError(cause)
        ? cause
        : new RealtimeError('connection_failed', `Connecting failed unexpectedly (${String(cause)}).`, { cause });
      if (current !== attempt || error.code === 'aborted') {
        // disconnect() won: it already set the status and freed the rest.
        void cleanup(attempt);
        throw error.code === 'aborted' ? error : aborted();
      }
      if (resume && reconnectAgain(attempt, error)) throw error;
      failAttempt(attempt, error);
      throw error;
    });
    const settled = promise.finally(() => {
      if (inflight === settled) inflight = null;
    });
    inflight = settled;
    settled.catch(noop);
    return settled;
  }

  async function disconnect(): Promise<void> {
    clearTimeout(reconnectTimer);
    reconnectTimer = undefined;
    const attempt = current;
    current = null;
    inflight = null;
    if (attempt) {
      attempt.fail(aborted());
      features.reset();
      await cleanup(attempt);
    }
    const status = store.getState().status;
    if (status !== 'idle' && status !== 'closed') store.apply({ type: 'status', status: 'closed' });
  }

  function openAttempt(): Attempt | null {
    return current && current.transport?.status === 'open' ? current : null;
  }

  function send(event: ClientEvent): void {
    const attempt = openAttempt();
    if (!attempt) throw notConnected(event);
    sendOn(attempt, event);
  }

  function interrupt(): void {
    const attempt = openAttempt();
    if (!attempt) return;
    const state = store.getState();
    if (state.activeResponseId) sendOn(attempt, { type: 'response.cancel' });
    if (state.activeResponseId || state.speakingResponseId) {
      sendOn(attempt, { type: 'output_audio_buffer.clear' });
      outputGate.close(state.speakingResponseId ?? state.activeResponseId);
    }
  }

  return {
    store,
    connect,
    disconnect,
    send,
    setMuted(next: boolean) {
      muted = next;
      const track = current?.stream?.getAudioTracks()[0];
      if (track) track.enabled = !next && features.micOpen();
      current?.engine?.setMuted?.(next);
      store.apply({ type: 'mic', patch: { muted: next } });
    },
    sendText(text: string) {
      send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
      });
      features.requestResponse();
    },
    interrupt,
    ...featureMethods(features),
    updateSession(partial: Partial<RealtimeSessionConfig>) {
      send({ type: 'session.update', session: { ...partial, type: 'realtime' } });
      sessionUpdates = { ...sessionUpdates, ...partial };
    },
    on: emitter.on,
    getInputLevel: () => current?.engine?.getInputLevel() ?? 0,
    getOutputLevel: () => current?.engine?.getOutputLevel() ?? 0,
    subscribeLevels(listener: () => void) {
      levelListeners.add(listener);
      return () => {
        levelListeners.delete(listener);
      };
    },
    setInputDevice: devices.setInputDevice,
    setOutputDevice: devices.setOutputDevice,
    checkMicPermission: devices.checkMicPermission,
    async resumeAudio() {
      const attempt = current;
      if (!attempt) return;
      await attempt.engine?.resume?.().catch(noop);
      // A refusal leaves state.output.playbackBlocked true; the caller reads it there rather than catching.
      if (attempt.audio) await startPlayback(attempt, attempt.audio).catch(noop);
    },
  };
}
