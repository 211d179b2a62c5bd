import { RealtimeError, isRealtimeError } from '../core/errors.js';
import type { ClientEvent } from '../core/protocol/events.js';
import type { RealtimeSessionConfig } from '../core/protocol/session.js';
import { createRealtimeStore } from '../core/state/store.js';
import { createEmitter } from '../transport/createEmitter.js';
import { createCall, type Call } from './call.js';
import { createConversation } from './conversation/createConversation.js';
import { connectCall } from './connectCall.js';
import { createSessionDevices } from './createSessionDevices.js';
import { createInbound } from './inbound.js';
import { lazySessionFeatures } from './lazySessionFeatures.js';
import { createPlayback } from './playback.js';
import { createReconnect } from './reconnect.js';
import { reportStoreEvents } from './reportStoreEvents.js';
import { aborted, notConnected, toErrorInfo } from './sessionErrors.js';
import type { RealtimeSession, RealtimeSessionOptions, SessionEventMap } from './types.js';

const DEFAULT_CONNECT_TIMEOUT_MS = 15_000;

const noop = () => undefined;

/**
 * A Realtime voice session: mic in, model audio out, events reduced into `store`, over WebRTC unless
 * `options.transport` says otherwise. Nothing is touched (mic, network, globals) until `connect()`.
 */
export function createRealtimeSession(options: RealtimeSessionOptions = {}): RealtimeSession {
  const store = createRealtimeStore(options.eventLogSize === undefined ? {} : { eventLogSize: options.eventLogSize });
  const emitter = createEmitter<SessionEventMap>();
  const levelListeners = new Set<() => void>();
  const notifyLevels = () => {
    for (const listener of levelListeners) listener();
  };
  let current: Call | null = null;
  let inflight: Promise<void> | null = null;
  let muted = false;
  let eventCounter = 0;
  // What a reconnect restores on top of the connect config: every updateSession() of this conversation.
  let sessionUpdates: Partial<RealtimeSessionConfig> = {};
  const reconnect = createReconnect(options.reconnect);
  const devices = createSessionDevices({
    options,
    store,
    current: () => current,
    muted: () => muted,
    warn: (error) => emitter.emit('warning', error),
  });
  const playback = createPlayback({ store, current: () => current, outputDeviceId: devices.outputDeviceId });
  const applyMicGate = () => {
    const track = current?.stream?.getAudioTracks()[0];
    if (track) track.enabled = !muted && features.micOpen();
  };
  const features = lazySessionFeatures({
    options,
    store,
    send: (event) => send(event),
    interrupt: () => interrupt(),
    applyMicGate,
    onToolError: (error, call) => {
      emitter.emit('tool_error', { error, call });
      emitter.emit('error', error);
    },
  });
  const conversation = createConversation({ emitter, send: (event) => send(event), load: features.load });
  const route = createInbound({
    store,
    emitter,
    current: () => current,
    listeners: [features.onServerEvent, playback.onServerEvent],
    isBenignError: features.isBenignError,
    endSession,
  });

  // Set while a new connect resets the store, so listeners see closed -> connecting, not a passing idle.
  let resetting = false;
  reportStoreEvents(store, emitter, () => resetting);

  /** Ends the current call with an error: frees everything, records it, says so. */
  function failCall(call: Call, error: RealtimeError): void {
    void call.cleanup();
    if (current !== call) return;
    current = null;
    features.reset();
    store.apply({ type: 'error', error: toErrorInfo(error) });
    store.apply({ type: 'status', status: 'failed' });
    emitter.emit('error', error);
  }

  /** A live call was lost: reconnect if the options allow it, else fail. */
  function lost(call: Call, error: RealtimeError): void {
    if (error.code === 'call_ended') return endSession(call, error);
    if (current !== call) return;
    reconnect.restart();
    if (!retry(call, error)) failCall(call, error);
  }

  /** Frees the call and schedules the next reconnect try, if one is left. True when it did. */
  function retry(call: Call, error: RealtimeError): boolean {
    if (!reconnect.schedule(error, () => void start(true))) return false;
    void call.cleanup();
    current = null;
    store.apply({ type: 'status', status: 'reconnecting' });
    emitter.emit('warning', error);
    return true;
  }

  /** The session ends without a fault of the client's: status `closed`, the reason kept in `lastError`. */
  function endSession(call: Call, error: RealtimeError): void {
    void call.cleanup();
    if (current !== call) return;
    current = null;
    store.apply({ type: 'error', error: toErrorInfo(error) });
    store.apply({ type: 'status', status: 'closed' });
    emitter.emit('error', error);
  }

  function sendOn(call: Call, event: ClientEvent): void {
    if (!call.transport) throw notConnected(event);
    call.transport.send(event);
    reportSent(event);
  }

  function reportSent(event: ClientEvent): void {
    store.logClientEvent(event);
    emitter.emit('client_event', event);
  }

  async function run(call: Call, resume: boolean): Promise<void> {
    features.reset();
    // A reconnect keeps the conversation on screen and stays `reconnecting` until the new call is ready.
    if (!resume) {
      sessionUpdates = {};
      resetting = true;
      store.apply({ type: 'reset' });
      resetting = false;
      if (muted) store.apply({ type: 'mic', patch: { muted } });
      store.apply({ type: 'status', status: 'connecting' });
      // A status listener may have called disconnect() just now: nothing may be opened for this call.
      if (current !== call) throw aborted();
    }
    await connectCall(
      {
        options,
        timeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
        store,
        emitter,
        features,
        devices,
        playback,
        reconnect,
        current: () => current,
        muted: () => muted,
        sessionUpdates: () => sessionUpdates,
        nextEventId: () => `talkwire_connect_${++eventCounter}`,
        notifyLevels,
        route,
        sendOn,
        reportSent,
        lost,
        failCall,
        endSession,
      },
      call,
      resume,
    );
  }

  function start(resume: boolean): Promise<void> {
    reconnect.cancel();
    const call = createCall(notifyLevels);
    current = call;
    const promise = run(call, resume).catch((cause: unknown) => {
      const error = isRealtimeError(cause)
        ? cause
        : new RealtimeError('connection_failed', `Connecting failed unexpectedly (${String(cause)}).`, { cause });
      if (current !== call || error.code === 'aborted') {
        // disconnect() won: it already set the status and freed the rest.
        void call.cleanup();
        throw error.code === 'aborted' ? error : aborted();
      }
      if (resume && retry(call, error)) throw error;
      failCall(call, error);
      throw error;
    });
    const settled = promise.finally(() => {
      if (inflight === settled) inflight = null;
    });
    inflight = settled;
    settled.catch(noop);
    return settled;
  }

  function connect(): Promise<void> {
    if (inflight) return inflight;
    if (current?.connected) return Promise.resolve();
    // While a reconnect waits for its backoff, connect() tries at once and keeps the conversation.
    return start(reconnect.waiting());
  }

  async function disconnect(): Promise<void> {
    reconnect.cancel();
    const call = current;
    current = null;
    inflight = null;
    if (call) {
      call.fail(aborted());
      features.reset();
      await call.cleanup();
    }
    const status = store.getState().status;
    if (status !== 'idle' && status !== 'closed') store.apply({ type: 'status', status: 'closed' });
  }

  const openCall = (): Call | null => (current && current.transport?.status === 'open' ? current : null);

  function send(event: ClientEvent): void {
    const call = openCall();
    if (!call) throw notConnected(event);
    sendOn(call, event);
  }

  function interrupt(): void {
    const call = openCall();
    if (!call) return;
    const media = call.transport?.media;
    // A transport that plays the audio itself knows what is playing: it cancels, silences and truncates.
    if (media?.interruptOutput) return media.interruptOutput();
    const state = store.getState();
    if (state.activeResponseId) sendOn(call, { type: 'response.cancel' });
    if (!state.activeResponseId && !state.speakingResponseId) return;
    sendOn(call, { type: 'output_audio_buffer.clear' });
    playback.silence(state.speakingResponseId ?? state.activeResponseId);
  }

  return {
    store,
    get callId() {
      return store.getState().callId;
    },
    connect,
    disconnect,
    send,
    setMuted(next: boolean) {
      muted = next;
      applyMicGate();
      current?.engine?.setMuted?.(next);
      store.apply({ type: 'mic', patch: { muted: next } });
    },
    sendText(text: string) {
      send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
      });
      features.methods.requestResponse();
    },
    interrupt,
    ...features.methods,
    ...conversation,
    updateSession(partial: Partial<RealtimeSessionConfig>) {
      // Not connected: kept by the features and sent with every later connect's own session.update.
      if (!current) return features.keepUpdate(partial);
      send({ type: 'session.update', session: { ...partial, type: 'realtime' } });
      sessionUpdates = { ...sessionUpdates, ...partial };
    },
    appendInputAudio(pcm: Int16Array) {
      const media = openCall()?.transport?.media;
      if (!media?.appendInputAudio) throw notConnected({ type: 'input_audio_buffer.append', audio: '' });
      media.appendInputAudio(pcm);
    },
    on: emitter.on,
    getInputLevel: () => current?.engine?.getInputLevel() ?? 0,
    getOutputLevel: () => current?.transport?.media?.getOutputLevel?.() ?? current?.engine?.getOutputLevel() ?? 0,
    subscribeLevels(listener: () => void) {
      levelListeners.add(listener);
      return () => {
        levelListeners.delete(listener);
      };
    },
    getStats: () => current?.transport?.getStats?.(),
    setInputDevice: devices.setInputDevice,
    setOutputDevice: devices.setOutputDevice,
    checkMicPermission: devices.checkMicPermission,
    async resumeAudio() {
      // A refusal leaves state.output.playbackBlocked true; the caller reads it there rather than catching.
      if (current) await playback.resume(current);
    },
  };
}
