import type { AudioEngine } from '../audio/audioEngineTypes.js';
import type { CreateSessionAudioEngine, SessionAudioEngine } from './SessionAudioEngine.js';

/**
 * The engine used when `environment.createAudioEngine` is not given: talkwire's AudioWorklet mic meter and output
 * analyser. Its `AudioContext` is made at once (inside `connect()`, the user gesture); the metering code loads
 * with the worklet, once the SDP answer is in, so a call never waits for it and an app that never connects never
 * loads it. Until then levels read 0 and a remote stream waits to be attached.
 */
export const defaultAudioEngine: CreateSessionAudioEngine = (options) => {
  let context: AudioContext | null = null;
  let engine: AudioEngine | null = null;
  let loading: Promise<void> | null = null;
  let closed = false;
  let muted = false;
  let remote: MediaStream | null = null;
  let capture: ((pcm: Int16Array) => void) | null = null;
  const listeners = new Map<() => void, (() => void) | null>();
  const ensureContext = () => (context ??= new options.AudioContext({ latencyHint: 'interactive' }));

  async function load(): Promise<void> {
    const { createAudioEngine } = await import('../audio/AudioEngine.js');
    if (closed) return;
    const loaded = createAudioEngine({ ...options, context: ensureContext() });
    engine = loaded;
    for (const listener of listeners.keys()) listeners.set(listener, loaded.subscribe(listener));
    loaded.setMuted(muted);
    if (remote) loaded.attachRemote(remote);
    if (capture) loaded.setCapture(capture);
    await loaded.loadWorklet();
  }

  const proxy: SessionAudioEngine = {
    get context() {
      return context;
    },
    createContext() {
      const ctx = ensureContext();
      // Asked for inside the gesture, not awaited: Safari starts a context only from one, and WebKit settles
      // the promise only once capture has started.
      if (ctx.state === 'suspended') ctx.resume?.().catch(() => undefined);
    },
    loadWorklet: () => (loading ??= load()),
    attachMic: (stream) => engine?.attachMic(stream),
    attachRemote(stream) {
      remote = stream;
      engine?.attachRemote(stream);
    },
    getInputLevel: () => engine?.getInputLevel() ?? 0,
    getOutputLevel: () => engine?.getOutputLevel() ?? 0,
    subscribe(listener) {
      listeners.set(listener, engine?.subscribe(listener) ?? null);
      return () => {
        listeners.get(listener)?.();
        listeners.delete(listener);
      };
    },
    setCapture(listener) {
      capture = listener;
      engine?.setCapture(listener);
    },
    setMuted(next) {
      muted = next;
      engine?.setMuted(next);
    },
    resume: () => (engine ? engine.resume() : (context?.resume() ?? Promise.resolve())),
    async close() {
      closed = true;
      if (engine) return engine.close();
      const ctx = context;
      context = null;
      if (ctx && ctx.state !== 'closed') await ctx.close().catch(() => undefined);
    },
  };
  return proxy;
};
