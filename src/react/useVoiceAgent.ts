'use client';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { selectItem, selectTranscript, toTranscriptEntry } from '../core/state/selectors.js';
import type { RealtimeError } from '../core/errors.js';
import type { AgentState, ConnectionStatus, ErrorInfo, RealtimeState, TranscriptEntry } from '../core/state/types.js';
import type { RealtimeSession, RealtimeSessionOptions } from '../session/types.js';
import { withDefaultTranscription } from './defaultTranscription.js';
import { useMaybeRealtimeSession } from './useRealtimeSessionContext.js';
import { useRealtimeSession } from './useRealtimeSession.js';
import { useSessionState } from './useSessionState.js';

/** Lifecycle callbacks; the latest ones are always called, so they need not be memoised. */
export interface VoiceAgentCallbacks {
  /** The call is ready to talk; once per call (a reconnect that keeps the conversation does not count again). */
  onConnect?: () => void;
  /** A call that was connected ended: hung up, lost, or expired; once per `onConnect`. */
  onDisconnect?: () => void;
  /** Every connection status change, `'connecting'` included. */
  onStatusChange?: (status: ConnectionStatus) => void;
  /** A user or assistant message whose text is final; once per message. */
  onMessage?: (message: TranscriptEntry) => void;
  /** A failed connect, a lost call, or a server `error` event. */
  onError?: (error: RealtimeError) => void;
}

/**
 * Session options (for a session this hook creates) and callbacks. Input transcription is on by default, so the
 * user's messages have text; `session.audio.input.transcription: null` turns it off.
 */
export interface VoiceAgentHookOptions extends RealtimeSessionOptions, VoiceAgentCallbacks {}

export interface VoiceAgentControls {
  status: ConnectionStatus;
  agentState: AgentState;
  isSpeaking: boolean;
  /** User and assistant messages in conversation order (tool calls: `useToolCalls`). */
  messages: readonly TranscriptEntry[];
  error: ErrorInfo | null;
  /** Connects; call from a user gesture. Never rejects: a failure is in `error` and goes to `onError`. */
  start: () => Promise<void>;
  /** Hangs up and frees the microphone. */
  stop: () => Promise<void>;
  setMuted: (muted: boolean) => void;
  sendText: (text: string) => void;
  /** Cuts the agent off mid-answer. */
  interrupt: () => void;
  /** The session underneath, for everything else. */
  session: RealtimeSession;
}

const CALLBACKS = ['onConnect', 'onDisconnect', 'onStatusChange', 'onMessage', 'onError'] as const;
const selectStatus = (state: RealtimeState) => state.status;
const selectAgentState = (state: RealtimeState) => state.agentState;
const selectError = (state: RealtimeState) => state.lastError;
const isMessage = (entry: TranscriptEntry) => entry.kind === 'message' && entry.role !== 'system';

/**
 * A voice agent in one hook: state, messages and actions. Uses `session` when given; otherwise the provider's
 * session when there is a `<RealtimeSessionProvider>` and no session options are passed; otherwise a session of
 * its own made from `options` (created once, disconnected on unmount). Nothing connects until `start()`.
 */
export function useVoiceAgent(options: VoiceAgentHookOptions = {}, session?: RealtimeSession): VoiceAgentControls {
  const sessionOptions = withoutCallbacks(options);
  const provided = useMaybeRealtimeSession();
  const wantsOwn = provided === null || Object.keys(sessionOptions).length > 0;
  // Read once, on the first render, like every session option.
  const own = useRealtimeSession(
    wantsOwn ? { ...sessionOptions, session: withDefaultTranscription(sessionOptions.session) } : undefined,
  );
  const active = session ?? own;

  const callbacks = useRef<VoiceAgentCallbacks>(options);
  useEffect(() => {
    callbacks.current = options;
  });
  // Survives StrictMode's remount, so a message is reported once however often the effect below resubscribes.
  const reported = useRef(new Set<string>());
  useEffect(() => watchCallbacks(active, callbacks, reported.current), [active]);

  const status = useSessionState(selectStatus, active);
  const agentState = useSessionState(selectAgentState, active);
  const error = useSessionState(selectError, active);
  const transcript = useSessionState(selectTranscript, active);
  const messages = useMemo(() => transcript.filter(isMessage), [transcript]);

  const start = useCallback(() => active.connect().catch(() => undefined), [active]);
  const stop = useCallback(() => active.disconnect().catch(() => undefined), [active]);
  const setMuted = useCallback((muted: boolean) => active.setMuted(muted), [active]);
  const sendText = useCallback((text: string) => active.sendText(text), [active]);
  const interrupt = useCallback(() => active.interrupt(), [active]);

  return {
    status,
    agentState,
    isSpeaking: agentState === 'speaking',
    messages,
    error,
    start,
    stop,
    setMuted,
    sendText,
    interrupt,
    session: active,
  };
}

function withoutCallbacks(options: VoiceAgentHookOptions): RealtimeSessionOptions {
  const rest: Record<string, unknown> = { ...options };
  for (const name of CALLBACKS) delete rest[name];
  return rest;
}

/** Calls `callbacks.current` from the session's events; shared with `<VoiceAgent/>`. Returns unsubscribe. */
export function watchCallbacks(
  session: RealtimeSession,
  callbacks: { readonly current: VoiceAgentCallbacks },
  reported: Set<string>,
): () => void {
  // A reconnect that keeps the conversation is the same call: onConnect and onDisconnect come in pairs.
  let up = session.store.getState().status === 'connected';
  const offStatus = session.on('status', (status) => {
    callbacks.current.onStatusChange?.(status);
    if (status === 'connected' && !up) {
      up = true;
      callbacks.current.onConnect?.();
    } else if (up && status !== 'connected' && status !== 'reconnecting') {
      up = false;
      callbacks.current.onDisconnect?.();
    }
  });
  const offError = session.on('error', (error) => callbacks.current.onError?.(error));
  // Only the items an event names are looked at, so the cost per event does not grow with the conversation.
  const offEvents = session.on('server_event', (event) => {
    if (callbacks.current.onMessage === undefined) return;
    for (const id of itemIdsOf(event)) {
      if (reported.has(id)) continue;
      const item = selectItem(session.store.getState(), id);
      if (item === undefined || !item.final) continue;
      const entry = toTranscriptEntry(item);
      // Final text can arrive before the item is done; a message is reported once, when it is complete.
      if (!isMessage(entry) || entry.status === 'in_progress') continue;
      reported.add(id);
      callbacks.current.onMessage(entry);
    }
  });
  return () => {
    offStatus();
    offError();
    offEvents();
  };
}

const NO_IDS: readonly string[] = [];

function itemIdsOf(event: object): readonly string[] {
  const e = event as {
    item_id?: unknown;
    item?: { id?: unknown };
    response?: { output?: ReadonlyArray<{ id?: unknown }> };
  };
  if (typeof e.item_id === 'string') return [e.item_id];
  if (typeof e.item?.id === 'string') return [e.item.id];
  const output = e.response?.output;
  // Array.isArray narrows to any[]; the parameter type keeps the element access checked.
  if (Array.isArray(output))
    return output.flatMap((item: { id?: unknown }) => (typeof item.id === 'string' ? [item.id] : []));
  return NO_IDS;
}
