import { RealtimeError } from '../../src/core/errors.js';
import type { ServerEvent } from '../../src/core/protocol/events.js';
import type { RealtimeSessionConfig } from '../../src/core/protocol/session.js';
import { createRealtimeStore } from '../../src/core/state/store.js';
import type { ConnectionStatus } from '../../src/core/state/types.js';
import type {
  RealtimeSession,
  RealtimeSessionOptions,
  SessionEventMap,
  SessionEventType,
} from '../../src/session/types.js';
import { createSessionFeatures } from '../../src/session/createSessionFeatures.js';
import { createConversation } from '../../src/session/conversation/createConversation.js';
import type { ServerEventJson } from './realtimeEvents.js';
import { applyFailure, isLocalStep, type LocalStep, type ScriptStep } from './scriptSteps.js';
import { createScriptedLevels } from './scriptedLevels.js';

export interface ScriptedSessionOptions {
  /** Applied synchronously at creation, so a story opens straight in that state. */
  initial?: readonly ScriptStep[];
  /** Played by `connect()`. Default: connecting, a short pause, `session.created`, connected. */
  onConnect?: readonly ScriptStep[];
  /** Played after connecting (e.g. a whole conversation with pauses). */
  afterConnect?: readonly ScriptStep[];
  /** Time between two consecutive server events of a script, so text streams visibly (ms, default 0). */
  eventIntervalMs?: number;
  /** Synthetic levels: the agent's voice while it speaks, the user's while VAD hears speech. Default true. */
  animateLevels?: boolean;
  eventLogSize?: number;
  /** Function tools run by the real tool runner against scripted function calls. */
  tools?: RealtimeSessionOptions['tools'];
  onToolCall?: RealtimeSessionOptions['onToolCall'];
}

export interface ScriptedSession extends RealtimeSession {
  /** Feeds more steps (the same as a script). */
  play(steps: readonly ScriptStep[]): Promise<void>;
  /** Sets the levels and notifies level subscribers, as a real session does once per audio block. */
  setLevels(input: number, output: number): void;
}

/**
 * A `RealtimeSession` for stories and demos that plays scripted server events into a real `createRealtimeStore()`:
 * the real parser and reducer compute every state the UI shows, only the network is replaced by a script.
 */
export function createScriptedSession(options: ScriptedSessionOptions = {}): ScriptedSession {
  const store = createRealtimeStore(options.eventLogSize === undefined ? {} : { eventLogSize: options.eventLogSize });
  const listeners = new Map<SessionEventType, Set<(payload: never) => void>>();
  let generation = 0;
  const levels = createScriptedLevels(store, options.animateLevels !== false);
  const timers = new Set<ReturnType<typeof setTimeout>>();

  const emit = <T extends SessionEventType>(type: T, payload: SessionEventMap[T]) => {
    for (const listener of listeners.get(type) ?? []) (listener as (p: SessionEventMap[T]) => void)(payload);
  };
  const setStatus = (status: ConnectionStatus) => {
    if (store.getState().status === status) return;
    store.apply({ type: 'status', status });
    emit('status', status);
    if (status !== 'connected') levels.stop();
  };
  const feed = (event: ServerEventJson) => {
    if (event.type === 'input_audio_buffer.speech_started') levels.setUserSpeaking(true);
    if (event.type === 'input_audio_buffer.speech_stopped') levels.setUserSpeaking(false);
    const parsed = store.receive(event);
    if (parsed.ok) features.onServerEvent(parsed.event);
    if (parsed.ok) emit('server_event', parsed.event);
    if (parsed.ok && parsed.event.type !== 'error') emit(parsed.event.type as 'server_event', parsed.event);
    if (parsed.ok && parsed.event.type === 'error') {
      const error = parsed.event.error;
      emit(
        'error',
        new RealtimeError('server_error', error.message, {
          serverType: error.type,
          ...(error.code ? { serverCode: error.code } : {}),
        }),
      );
    }
  };

  const apply = (step: ScriptStep) => {
    if (isLocalStep(step)) {
      if (step.step === 'status') setStatus(step.status);
      else if (step.step === 'action') store.apply(step.action);
      else if (step.step === 'fail') {
        const error = applyFailure(store, step);
        setStatus('failed');
        emit('error', error);
        throw error;
      }
    } else {
      feed(step);
    }
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const play = async (steps: readonly ScriptStep[]) => {
    const mine = generation;
    const gap = options.eventIntervalMs ?? 0;
    for (const step of steps) {
      if (mine !== generation) return;
      if (isLocalStep(step) && step.step === 'wait') {
        await sleep(step.ms);
        continue;
      }
      apply(step);
      if (gap > 0 && !isLocalStep(step)) await sleep(gap);
    }
  };

  const featureOptions: RealtimeSessionOptions = {};
  if (options.tools !== undefined) featureOptions.tools = options.tools;
  if (options.onToolCall !== undefined) featureOptions.onToolCall = options.onToolCall;
  // The real tool runner, response queue and push-to-talk logic, sending into the event log.
  const features = createSessionFeatures({
    options: featureOptions,
    store,
    send: (event) => session.send(event),
    interrupt: () => session.interrupt(),
    applyMicGate: () => undefined,
    onToolError: (error, call) => {
      emit('tool_error', { error, call });
      emit('error', error);
    },
  });
  // Each change replaces that call's state object, so an object not seen before is a change to report.
  const reportedCalls = new WeakSet<object>();
  store.subscribe((state, previous) => {
    if (state.toolCalls === previous.toolCalls) return;
    for (const call of state.toolCalls) {
      if (reportedCalls.has(call)) continue;
      reportedCalls.add(call);
      emit('tool_call', call);
    }
  });

  const session: ScriptedSession = {
    store,
    get callId() {
      return store.getState().callId;
    },
    requestResponse: (params) => features.requestResponse(params),
    setTurnDetection: features.setTurnDetection,
    getTurnDetection: features.turnDetection,
    startTalking: features.startTalking,
    stopTalking: features.stopTalking,
    approveToolCall: features.approveToolCall,
    rejectToolCall: features.rejectToolCall,
    getToolCalls: () => store.getState().toolCalls,
    subscribeToolCalls: (listener) =>
      store.subscribe((state, previous) => {
        if (state.toolCalls !== previous.toolCalls) listener();
      }),
    respondToMcpApproval: features.respondToMcpApproval,
    ask: features.ask,
    sendMessage: features.sendMessage,
    addTool: (definition, handler) => features.addTool({ ...definition, handler }),
    removeTool: (name) => void features.removeTool(name),
    ...createConversation({
      emitter: { on: (type, handler) => session.on(type, handler), emit, clear: () => undefined },
      send: (event) => session.send(event),
      load: async () => features,
    }),
    async connect() {
      const status = store.getState().status;
      if (status === 'connecting' || status === 'connected') return;
      generation += 1;
      store.apply({ type: 'clear_error' });
      setStatus('connecting');
      const script = options.onConnect ?? [
        { step: 'wait', ms: 400 },
        { step: 'status', status: 'connected' },
      ];
      await play(script);
      if (store.getState().status !== 'connecting' && store.getState().status !== 'connected') return;
      setStatus('connected');
      store.apply({ type: 'mic', patch: { permission: 'granted' } });
      levels.start();
      if (options.afterConnect !== undefined) {
        void play(options.afterConnect).catch(() => undefined);
      }
    },
    async disconnect() {
      generation += 1;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      levels.setUserSpeaking(false);
      const status = store.getState().status;
      if (status === 'idle' || status === 'closed' || status === 'failed') return;
      setStatus('closed');
    },
    setMuted(muted) {
      store.apply({ type: 'mic', patch: { muted } });
    },
    sendText(text) {
      session.send({
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text }] },
      });
      features.requestResponse();
    },
    interrupt() {
      const state = store.getState();
      const responseId = state.activeResponseId ?? state.speakingResponseId;
      if (state.activeResponseId !== null) session.send({ type: 'response.cancel' });
      session.send({ type: 'output_audio_buffer.clear' });
      generation += 1;
      if (responseId === null) return;
      if (state.activeResponseId !== null) {
        feed({
          type: 'response.done',
          event_id: 'event_story_cancel',
          response: {
            object: 'realtime.response',
            id: responseId,
            status: 'cancelled',
            status_details: { type: 'cancelled', reason: 'client_cancelled' },
            output: [],
          },
        });
      }
      feed({ type: 'output_audio_buffer.cleared', event_id: 'event_story_clear', response_id: responseId });
    },
    appendInputAudio() {
      throw new Error('The scripted session carries no audio.');
    },
    updateSession(partial: Partial<RealtimeSessionConfig>) {
      session.send({ type: 'session.update', session: { type: 'realtime', ...partial } });
      const current = store.getState().session;
      feed({ type: 'session.updated', event_id: 'event_story_update', session: { ...current, ...partial } });
    },
    send(event) {
      store.logClientEvent(event);
      emit('client_event', event);
    },
    on(type, handler) {
      let set = listeners.get(type);
      if (set === undefined) {
        set = new Set();
        listeners.set(type, set);
      }
      set.add(handler);
      return () => set.delete(handler);
    },
    getInputLevel: levels.input,
    getOutputLevel: levels.output,
    subscribeLevels: levels.subscribe,
    getStats: () => undefined, // no connection: the stats overlay shows the turn timings only
    async resumeAudio() {
      store.apply({ type: 'output', patch: { playbackBlocked: false } });
    },
    async setInputDevice(deviceId) {
      store.apply({ type: 'mic', patch: { deviceId } });
    },
    async setOutputDevice(deviceId) {
      store.apply({ type: 'output', patch: { deviceId } });
    },
    async checkMicPermission() {
      return store.getState().mic.permission;
    },
    play: (steps) => play(steps),
    setLevels: levels.set,
  };

  for (const step of options.initial ?? []) {
    try {
      apply(step);
    } catch {
      // A scripted failure in the initial state is the state the story wants to show.
    }
  }
  if (store.getState().status === 'connected') levels.start();
  return session;
}

export type { ServerEvent, LocalStep, ScriptStep };
