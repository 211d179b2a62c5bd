import { createCaptionsState, reduceCaptions } from '../core/captions/reduceCaptions.js';
import type { CaptionsState } from '../core/captions/types.js';
import type { ClientEvent } from '../core/protocol/events.js';
import type { RealtimeAudioInputConfig } from '../core/protocol/session.js';
import type { RealtimeStore } from '../core/state/store.js';
import type { MicPermission } from '../core/state/types.js';
import { createRealtimeSession } from './createRealtimeSession.js';
import { sessionKindTransport } from './sessionKindTransport.js';
import type { RealtimeSessionOptions, SessionEventMap, SessionEventType } from './types.js';

/** The `session` of a transcription session (`session.update` with `type: "transcription"`). (contract) */
export interface TranscriptionConfig {
  audio?: { input?: RealtimeAudioInputConfig };
  include?: Array<'item.input_audio_transcription.logprobs'> | null;
}

/** Options of `createTranscriptionSession`. Tools, responses and reconnect do not apply to a session that never answers. (contract) */
export type TranscriptionSessionOptions = Omit<
  RealtimeSessionOptions,
  'session' | 'tools' | 'onToolCall' | 'toolTimeoutMs' | 'reconnect' | 'transport'
> & {
  /** `'webrtc'` (default), `'websocket'` (`?intent=transcription`), `'auto'`, or a factory (it gets `sessionKind`). */
  transport?: RealtimeSessionOptions['transport'];
  /**
   * Sent as `session.update` right after connecting. Prefer setting the config where the key is minted
   * (`createClientSecretHandler({ kind: 'transcription', session })`): then the first words already use it.
   */
  config?: TranscriptionConfig;
};

/** Live captions of the microphone: a session that transcribes and never answers. (contract) */
export interface TranscriptionSession {
  /** Connection, mic and errors (`agentState` is never `thinking` here). */
  readonly store: RealtimeStore;
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  setMuted(muted: boolean): void;
  /** Changes the transcription config at runtime (model, language, prompt, turn detection, noise reduction...). */
  update(config: TranscriptionConfig): void;
  /** With turn detection off: ends the current stretch of speech so it is transcribed now. */
  commit(): void;
  /** The captions so far (a new object on every change). */
  getCaptions(): CaptionsState;
  subscribeCaptions(listener: () => void): () => void;
  /** Forgets the captions shown so far (the server keeps nothing to forget). */
  clearCaptions(): void;
  send(event: ClientEvent): void;
  on<T extends SessionEventType>(type: T, handler: (payload: SessionEventMap[T]) => void): () => void;
  getInputLevel(): number;
  subscribeLevels(listener: () => void): () => void;
  setInputDevice(deviceId: string): Promise<void>;
  checkMicPermission(): Promise<MicPermission>;
}

/**
 * A transcription session (`session.type: "transcription"`): the mic goes up, captions come back, nothing is
 * said or answered. Its own function rather than `createRealtimeSession({ type })`: it returns a smaller object
 * (no responses, tools, interrupt or output devices to misuse) and its code loads only in apps that use it.
 * The key must be minted for a transcription session (`kind: 'transcription'` on the server).
 */
export function createTranscriptionSession(options: TranscriptionSessionOptions = {}): TranscriptionSession {
  const { config, transport, ...rest } = options;
  const session = createRealtimeSession({ ...rest, transport: sessionKindTransport(transport, 'transcription') });
  let captions = createCaptionsState();
  const listeners = new Set<() => void>();
  const setCaptions = (next: CaptionsState) => {
    if (next === captions) return;
    captions = next;
    for (const listener of listeners) listener();
  };
  session.on('server_event', (event) => setCaptions(reduceCaptions(captions, event)));
  const update = (next: TranscriptionConfig) =>
    session.send({ type: 'session.update', session: { ...next, type: 'transcription' } } as never);

  return {
    store: session.store,
    async connect() {
      await session.connect();
      if (config !== undefined) update(config);
    },
    disconnect: session.disconnect,
    setMuted: session.setMuted,
    update,
    commit: () => session.send({ type: 'input_audio_buffer.commit' }),
    getCaptions: () => captions,
    subscribeCaptions(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    clearCaptions: () => setCaptions(createCaptionsState()),
    send: (event) => session.send(event),
    on: (type, handler) => session.on(type, handler),
    getInputLevel: session.getInputLevel,
    subscribeLevels: (listener) => session.subscribeLevels(listener),
    setInputDevice: session.setInputDevice,
    checkMicPermission: session.checkMicPermission,
  };
}
