import { createTranslationState, reduceTranslation } from '../core/captions/reduceTranslation.js';
import type { TranslationState } from '../core/captions/types.js';
import type { RealtimeStore } from '../core/state/store.js';
import { createRealtimeSession } from './createRealtimeSession.js';
import { sessionKindTransport } from './sessionKindTransport.js';
import type { RealtimeSessionOptions, SessionEventMap, SessionEventType } from './types.js';

/** What a translation session may change at runtime (OpenAI accepts only these). (contract) */
export interface TranslationConfig {
  audio?: {
    input?: {
      transcription?: { model?: string } | null;
      noise_reduction?: { type?: 'near_field' | 'far_field' } | null;
    };
    output?: { language?: string };
  };
}

/** (contract) */
export type TranslationSessionOptions = Omit<
  RealtimeSessionOptions,
  'session' | 'tools' | 'onToolCall' | 'toolTimeoutMs' | 'reconnect' | 'transport'
> & {
  /**
   * `'webrtc'` (default: `/realtime/translations/calls`), `'websocket'` (`/realtime/translations?model=`),
   * `'auto'`, or a factory (it gets `sessionKind: 'translation'`).
   */
  transport?: RealtimeSessionOptions['transport'];
  /** How long `close()` waits for `session.closed` (the server flushing what it still had); default 10 000 ms. */
  closeTimeoutMs?: number;
};

/** Speech in, translated captions and speech out (`gpt-realtime-translate`). (contract) */
export interface TranslationSession {
  /** Connection, mic, playback and errors. */
  readonly store: RealtimeStore;
  connect(): Promise<void>;
  /** Ends at once; `close()` lets the server finish first. */
  disconnect(): Promise<void>;
  /** `session.close`: the server flushes the translation of what was said, sends `session.closed`, then this disconnects. */
  close(): Promise<void>;
  setMuted(muted: boolean): void;
  /** Switches the output language mid-session (`session.update`). */
  setOutputLanguage(language: string): void;
  update(config: TranslationConfig): void;
  /** Source and target captions so far (a new object on every change). */
  getTranslation(): TranslationState;
  subscribeTranslation(listener: () => void): () => void;
  on<T extends SessionEventType>(type: T, handler: (payload: SessionEventMap[T]) => void): () => void;
  getInputLevel(): number;
  /** The translated speech's level 0..1, as played. */
  getOutputLevel(): number;
  subscribeLevels(listener: () => void): () => void;
  resumeAudio(): Promise<void>;
}

const TRANSLATION_EVENT = /^session\.((input_transcript|output_transcript|output_audio)\.delta|closed)$/;

/**
 * A translation session. The key comes from `/realtime/translations/client_secrets` (`kind: 'translation'` on
 * the server). Translated audio plays from the call's audio track (WebRTC) or from `session.output_audio.delta`
 * through the PCM player (WebSocket); the transcripts arrive as events.
 */
export function createTranslationSession(options: TranslationSessionOptions = {}): TranslationSession {
  const { transport, closeTimeoutMs = 10_000, ...rest } = options;
  let state = createTranslationState();
  const listeners = new Set<() => void>();
  // Translation events are not Realtime conversation events: the store logs them as unknown. Read them here,
  // before the store, and keep its "unknown event" warnings for them out of this session's `warning`s.
  let lastWasTranslation = false;
  let onClosed: (() => void) | null = null;
  const tap = (raw: unknown) => {
    let event: unknown;
    try {
      event = typeof raw === 'string' ? JSON.parse(raw) : raw;
    } catch {
      lastWasTranslation = false;
      return;
    }
    const type = typeof event === 'object' && event !== null ? (event as { type?: unknown }).type : undefined;
    lastWasTranslation = typeof type === 'string' && TRANSLATION_EVENT.test(type);
    const next = reduceTranslation(state, event);
    if (type === 'session.closed') onClosed?.();
    if (next === state) return;
    state = next;
    for (const listener of listeners) listener();
  };
  const session = createRealtimeSession({ ...rest, transport: sessionKindTransport(transport, 'translation', tap) });
  const update = (config: TranslationConfig) => session.send({ type: 'session.update', session: config } as never);

  return {
    store: session.store,
    connect: session.connect,
    disconnect: session.disconnect,
    async close() {
      if (session.store.getState().status !== 'connected') return session.disconnect();
      const closed = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, closeTimeoutMs);
        onClosed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      session.send({ type: 'session.close' } as never);
      await closed;
      onClosed = null;
      await session.disconnect();
    },
    setMuted: session.setMuted,
    setOutputLanguage: (language) => update({ audio: { output: { language } } }),
    update,
    getTranslation: () => state,
    subscribeTranslation(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    on(type, handler) {
      if (type !== 'warning') return session.on(type, handler);
      return session.on('warning', (warning) => {
        if (!lastWasTranslation) (handler as (payload: SessionEventMap['warning']) => void)(warning);
      });
    },
    getInputLevel: session.getInputLevel,
    getOutputLevel: session.getOutputLevel,
    subscribeLevels: (listener) => session.subscribeLevels(listener),
    resumeAudio: session.resumeAudio,
  };
}
