import { computeRms } from './levels.js';
import {
  LEVEL_PEAK,
  LEVEL_RMS,
  MIC_PROCESSOR_NAME,
  type MicProcessorCommand,
  type MicProcessorOptions,
} from './worklets/micProcessorProtocol.js';
import type { AudioEngine, AudioEngineOptions, AudioEngineTimers, PcmListener } from './audioEngineTypes.js';

export type { AudioEngine, AudioEngineOptions, AudioEngineTimers, PcmListener };

/**
 * Where the mic worklet is loaded from by default. In the source tree Vite's dev server answers
 * `micProcessor.js` with the compiled `micProcessor.ts`; in the package the build points this URL at
 * `dist/worklets/micProcessor.js` (a standalone file), and Vite and webpack both turn
 * `new URL('./…', import.meta.url)` into an emitted asset, so apps need no configuration.
 */
export function defaultMicWorkletUrl(): URL {
  // The comment keeps this library's own build from inlining the file; the build strips it again so that
  // apps' bundlers do see the asset.
  return new URL(/* @vite-ignore */ './worklets/micProcessor.js', import.meta.url);
}

/** How long `resume()` waits for the context before returning (see `resume`). */
export const RESUME_WAIT_MS = 1_000;

const defaultTimers: AudioEngineTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

export function createAudioEngine(options: AudioEngineOptions): AudioEngine {
  const levelIntervalMs = options.levelIntervalMs ?? 50;
  const timers = options.timers ?? defaultTimers;
  let context: AudioContext | null = options.context ?? null;
  let closed = false;
  let closing: Promise<void> | null = null;
  let workletLoad: Promise<void> | null = null;
  let workletReady = false;

  let micSource: MediaStreamAudioSourceNode | null = null;
  let micNode: AudioWorkletNode | null = null;
  // Used only when the worklet could not load (no AudioWorklet, or the module was blocked).
  let micAnalyser: AnalyserNode | null = null;
  let micBuffer: Float32Array<ArrayBuffer> | null = null;
  let inputRms = 0;
  let inputPeak = 0;
  let muted = false;

  let remoteSource: MediaStreamAudioSourceNode | null = null;
  let remoteAnalyser: AnalyserNode | null = null;
  let remoteBuffer: Float32Array<ArrayBuffer> | null = null;

  let onPcm: PcmListener | null = null;
  const listeners = new Set<() => void>();
  let ticker: unknown = null;

  function ensureContext(): AudioContext {
    if (closed) throw new Error('This audio engine is closed; create a new one for the next session.');
    if (!context) context = new options.AudioContext({ latencyHint: 'interactive' });
    return context;
  }

  function notify(): void {
    for (const listener of listeners) listener();
  }

  /** Listeners ride on worklet messages when a mic is metered; otherwise a timer drives them. */
  function updateTicker(): void {
    const needed =
      !closed && listeners.size > 0 && micNode === null && (remoteAnalyser !== null || micAnalyser !== null);
    if (needed && ticker === null) ticker = timers.setInterval(notify, levelIntervalMs);
    else if (!needed && ticker !== null) {
      timers.clearInterval(ticker);
      ticker = null;
    }
  }

  function post(command: MicProcessorCommand, transfer?: Transferable[]): void {
    if (!micNode) return;
    if (transfer) micNode.port.postMessage(command, transfer);
    else micNode.port.postMessage(command);
  }

  function onWorkletMessage(event: MessageEvent<Float32Array | Int16Array>): void {
    const data = event.data;
    if (data instanceof Float32Array) {
      inputRms = data[LEVEL_RMS] ?? 0;
      inputPeak = data[LEVEL_PEAK] ?? 0;
      notify();
    } else if (data instanceof Int16Array) {
      const listener = onPcm;
      try {
        listener?.(data);
      } finally {
        // Hand the buffer back so the audio thread need not allocate another.
        post({ type: 'recycle', buffer: data.buffer as ArrayBuffer }, [data.buffer as ArrayBuffer]);
      }
    }
  }

  function createMicNode(ctx: AudioContext): AudioWorkletNode {
    const processorOptions: MicProcessorOptions = { levelIntervalMs };
    if (options.captureChunkSize !== undefined) processorOptions.captureChunkSize = options.captureChunkSize;
    // No outputs: the node is a sink, so it runs without being connected to the destination and can
    // never leak mic audio to the speakers.
    const WorkletNode = options.AudioWorkletNode ?? globalThis.AudioWorkletNode;
    const node = new WorkletNode(ctx, MIC_PROCESSOR_NAME, {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: 1,
      channelCountMode: 'explicit',
      channelInterpretation: 'speakers',
      processorOptions,
    });
    node.port.onmessage = onWorkletMessage;
    if (onPcm) node.port.postMessage({ type: 'capture', enabled: true } satisfies MicProcessorCommand);
    return node;
  }

  function detachMic(): void {
    micSource?.disconnect();
    micSource = null;
    micAnalyser?.disconnect();
    micAnalyser = null;
    inputRms = 0;
    inputPeak = 0;
  }

  function detachRemote(): void {
    remoteSource?.disconnect();
    remoteSource = null;
    remoteAnalyser?.disconnect();
    remoteAnalyser = null;
  }

  function analyserRms(analyser: AnalyserNode, buffer: Float32Array<ArrayBuffer>): number {
    analyser.getFloatTimeDomainData(buffer);
    return computeRms(buffer);
  }

  function createAnalyser(ctx: AudioContext): AnalyserNode {
    // 1024 frames is about 21 ms at 48 kHz: short enough to follow syllables at animation-frame rate.
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    analyser.smoothingTimeConstant = 0;
    return analyser;
  }

  return {
    get context() {
      return closed ? null : context;
    },

    createContext() {
      const ctx = ensureContext();
      // Asked for inside the gesture, not awaited: Safari starts a context only from one, and WebKit settles
      // the promise only once capture has started.
      if (ctx.state === 'suspended') ctx.resume?.().catch(() => undefined);
    },

    loadWorklet() {
      if (workletLoad) return workletLoad;
      const ctx = ensureContext();
      if (!ctx.audioWorklet) {
        workletLoad = Promise.reject(
          new Error(
            'AudioWorklet is unavailable (it needs a secure context: https or localhost). Mic levels fall back to an AnalyserNode.',
          ),
        );
        return workletLoad;
      }
      const url = options.workletUrl ?? defaultMicWorkletUrl();
      workletLoad = ctx.audioWorklet.addModule(String(url)).then(
        () => {
          workletReady = true;
        },
        (cause: unknown) => {
          throw new Error(
            `Could not load the mic worklet from ${String(url)}. Serve dist/worklets/micProcessor.js from your origin and pass its URL as workletUrl.`,
            { cause },
          );
        },
      );
      return workletLoad;
    },

    attachMic(stream) {
      const ctx = ensureContext();
      detachMic();
      micSource = ctx.createMediaStreamSource(stream);
      if (workletReady) {
        micNode ??= createMicNode(ctx);
        micSource.connect(micNode);
      } else {
        micAnalyser = createAnalyser(ctx);
        micBuffer ??= new Float32Array(micAnalyser.fftSize);
        micSource.connect(micAnalyser);
      }
      updateTicker();
    },

    attachRemote(stream) {
      const ctx = ensureContext();
      detachRemote();
      remoteSource = ctx.createMediaStreamSource(stream);
      remoteAnalyser = createAnalyser(ctx);
      remoteBuffer ??= new Float32Array(remoteAnalyser.fftSize);
      // Analysers are pulled by the graph without a path to the destination; playback is the <audio> element's.
      remoteSource.connect(remoteAnalyser);
      updateTicker();
    },

    getInputLevel() {
      if (muted || closed) return 0;
      if (micAnalyser && micBuffer) return Math.min(1, analyserRms(micAnalyser, micBuffer));
      return Math.min(1, inputRms);
    },

    getInputPeak() {
      if (muted || closed || micAnalyser) return 0;
      return Math.min(1, inputPeak);
    },

    getOutputLevel() {
      if (closed || !remoteAnalyser || !remoteBuffer) return 0;
      return Math.min(1, analyserRms(remoteAnalyser, remoteBuffer));
    },

    subscribe(listener) {
      listeners.add(listener);
      updateTicker();
      return () => {
        listeners.delete(listener);
        updateTicker();
      };
    },

    setCapture(listener) {
      const wasOn = onPcm !== null;
      onPcm = listener;
      if (wasOn !== (listener !== null)) post({ type: 'capture', enabled: listener !== null });
    },

    setMuted(value) {
      muted = value;
      notify();
    },

    async resume() {
      if (context && !closed && context.state === 'suspended') {
        // WebKit settles resume() only once something captures: without a capture it may never settle, and the
        // caller (resumeAudio() from a click) must not wait for ever; the context's statechange tells the rest.
        await Promise.race([context.resume(), new Promise((resolve) => setTimeout(resolve, RESUME_WAIT_MS))]);
      }
    },

    close() {
      if (closing) return closing;
      onPcm = null;
      post({ type: 'stop' });
      if (micNode) {
        micNode.port.onmessage = null;
        micNode.port.close();
        micNode.disconnect();
        micNode = null;
      }
      detachMic();
      detachRemote();
      closed = true;
      updateTicker();
      listeners.clear();
      const ctx = context;
      context = null;
      closing = ctx && ctx.state !== 'closed' ? ctx.close().catch(() => undefined) : Promise.resolve();
      return closing;
    },
  };
}
