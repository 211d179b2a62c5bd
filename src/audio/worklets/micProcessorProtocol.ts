/** Name the mic processor registers under (`registerProcessor`), used by `new AudioWorkletNode(ctx, name)`. */
export const MIC_PROCESSOR_NAME = 'talkwire-mic';

/** `processorOptions` of the mic `AudioWorkletNode`. */
export interface MicProcessorOptions {
  /** How often levels are posted to the main thread (ms). Default 50; at least one render quantum. */
  levelIntervalMs?: number;
  /** Capture output rate (Hz). Default 24000, what OpenAI Realtime expects for `audio/pcm`. */
  captureRate?: number;
  /** Samples per captured PCM16 chunk at `captureRate`. Default 1200 (50 ms at 24 kHz). */
  captureChunkSize?: number;
  /** Chunk buffers allocated up front; the main thread hands each back after use. Default 8. */
  capturePoolSize?: number;
}

/**
 * Messages from the main thread. Capture buffers travel by transfer, so the worklet keeps a small pool and
 * the main thread returns each buffer (`recycle`) once its listener has run.
 */
export type MicProcessorCommand =
  { type: 'capture'; enabled: boolean } | { type: 'recycle'; buffer: ArrayBuffer } | { type: 'stop' };

/**
 * Messages to the main thread: a `Float32Array` `[rms, peak]` for levels (at the level interval), or an
 * `Int16Array` of captured PCM16 whose buffer was transferred. Bare typed arrays, not wrapper objects, so
 * posting needs no object literal on the audio thread.
 */
export type MicProcessorMessage = Float32Array | Int16Array;

export const LEVEL_RMS = 0;
export const LEVEL_PEAK = 1;
