import type { RealtimeError } from '../core/errors.js';
import type { Transport } from '../transport/Transport.js';
import type { ResolvedEnvironment } from './resolveEnvironment.js';
import type { SessionAudioEngine } from './SessionAudioEngine.js';
import { stopStream } from './stopStream.js';

const noop = () => undefined;

/**
 * One connection attempt and everything it opened. `cleanup()` frees it all once; whatever is handed to the
 * call after that (a late mic grant, an engine created by code still running) is freed on the spot, so a
 * `disconnect()` at any moment leaves nothing open.
 */
export interface Call {
  readonly signal: AbortSignal;
  /** Rejects when the call fails from outside an await (abort, timeout, transport lost). */
  readonly failed: Promise<never>;
  fail(error: RealtimeError): void;
  readonly cleaned: boolean;
  /** Set once the call is ready to talk. */
  connected: boolean;
  env: ResolvedEnvironment | null;
  stream: MediaStream | null;
  transport: Transport | null;
  engine: SessionAudioEngine | null;
  audio: HTMLAudioElement | null;
  /** The connect handshake: resolved by the inbound router at `session.created` / `session.updated`. */
  onSessionCreated: (() => void) | null;
  onSessionUpdated: (() => void) | null;
  /** The `event_id` of the connect's `session.update`, so a refusal of it fails the connect. */
  updateEventId: string | null;
  /** Fails the call after `ms` unless re-armed or cleared first (its error may load first, as failures do). */
  armTimeout(ms: number, error: () => Promise<RealtimeError>): void;
  clearTimeout(): void;
  /** Runs `release` at cleanup, or at once when the call is already cleaned up. */
  own(release: () => void): void;
  /** Frees everything; resolves once the audio engine has closed. Idempotent. */
  cleanup(): Promise<void>;
}

export function createCall(onEngineClosed: () => void): Call {
  const controller = new AbortController();
  let reject!: (error: RealtimeError) => void;
  const failed = new Promise<never>((_, r) => {
    reject = r;
  });
  failed.catch(noop);
  let cleaned = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stream: MediaStream | null = null;
  let transport: Transport | null = null;
  let engine: SessionAudioEngine | null = null;
  let audio: HTMLAudioElement | null = null;
  const releases: Array<() => void> = [];

  const closeEngine = (closing: SessionAudioEngine): Promise<void> => {
    onEngineClosed();
    return closing.close().catch(noop);
  };
  const freeAudio = (element: HTMLAudioElement) => {
    element.pause();
    element.srcObject = null;
  };

  return {
    signal: controller.signal,
    failed,
    fail: (error) => reject(error),
    get cleaned() {
      return cleaned;
    },
    connected: false,
    env: null,
    get stream() {
      return stream;
    },
    set stream(next) {
      stream = next;
      if (cleaned) stopStream(next);
    },
    get transport() {
      return transport;
    },
    set transport(next) {
      transport = next;
      if (cleaned) next?.close();
    },
    get engine() {
      return engine;
    },
    set engine(next) {
      engine = cleaned ? null : next;
      if (cleaned && next) void closeEngine(next);
    },
    get audio() {
      return audio;
    },
    set audio(next) {
      audio = next;
      if (cleaned && next) freeAudio(next);
    },
    onSessionCreated: null,
    onSessionUpdated: null,
    updateEventId: null,
    armTimeout(ms, error) {
      clearTimeout(timer);
      timer = setTimeout(() => void error().then(reject), ms);
    },
    clearTimeout() {
      clearTimeout(timer);
    },
    own(release) {
      if (cleaned) release();
      else releases.push(release);
    },
    cleanup() {
      if (cleaned) return Promise.resolve();
      cleaned = true;
      clearTimeout(timer);
      controller.abort();
      for (const release of releases.splice(0)) release();
      transport?.close();
      stopStream(stream);
      if (audio) freeAudio(audio);
      const closing = engine;
      engine = null;
      return closing ? closeEngine(closing) : Promise.resolve();
    },
  };
}
