/**
 * The mic AudioWorklet. Built into its own standalone file (no imports left after bundling) and loaded with
 * `audioWorklet.addModule(url)` from the same origin, so it runs under `script-src 'self'`.
 *
 * `process()` runs every 128 frames (2.7 ms at 48 kHz) on the real-time audio thread. It allocates nothing
 * with capture off: levels accumulate in fields and go out as one preallocated `Float32Array` at the level
 * interval (posting clones it, which is why the rate is bounded). With capture on, PCM16 chunks go out by
 * transfer from a pool that the main thread refills; only when the pool runs dry does it allocate a buffer.
 */
import { computePeak, computeRms } from '../levels.js';
import { floatToPcm16 } from '../pcm16.js';
import { StreamingResampler } from '../StreamingResampler.js';
import {
  LEVEL_PEAK,
  LEVEL_RMS,
  MIC_PROCESSOR_NAME,
  type MicProcessorCommand,
  type MicProcessorOptions,
} from './micProcessorProtocol.js';

// AudioWorkletGlobalScope is not in TypeScript's DOM lib.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
  constructor(options?: { processorOptions?: unknown });
}
declare function registerProcessor(
  name: string,
  processorCtor: new (options: { processorOptions?: MicProcessorOptions }) => AudioWorkletProcessor,
): void;

const QUANTUM = 128;

function positiveInt(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

class MicProcessor extends AudioWorkletProcessor {
  private readonly levels = new Float32Array(2);
  private readonly reportEvery: number;
  private framesSinceReport = 0;
  /** Counts down across posts, so the average rate is exactly one post per interval. */
  private untilReport: number;
  private sumSquares = 0;
  private peak = 0;
  private alive = true;

  private capturing = false;
  private readonly resampler: StreamingResampler;
  private readonly resampled: Float32Array;
  private readonly chunkSize: number;
  private readonly pool: ArrayBuffer[] = [];
  private chunk: Int16Array | null = null;
  private chunkFill = 0;
  private readonly transfer: ArrayBuffer[] = [];

  constructor(options: { processorOptions?: MicProcessorOptions }) {
    super(options);
    const opts = options.processorOptions ?? {};
    const intervalMs = typeof opts.levelIntervalMs === 'number' && opts.levelIntervalMs > 0 ? opts.levelIntervalMs : 50;
    this.reportEvery = Math.max(QUANTUM, Math.round((intervalMs / 1000) * sampleRate));
    this.untilReport = this.reportEvery;
    this.resampler = new StreamingResampler(sampleRate, positiveInt(opts.captureRate, 24000));
    // Render quanta are 128 frames today; the spec allows other sizes later, so leave headroom.
    this.resampled = new Float32Array(this.resampler.maxOutputLength(QUANTUM * 8));
    this.chunkSize = positiveInt(opts.captureChunkSize, 1200);
    const poolSize = positiveInt(opts.capturePoolSize, 8);
    for (let i = 0; i < poolSize; i++) this.pool.push(new ArrayBuffer(this.chunkSize * 2));
    this.port.onmessage = (event: MessageEvent<MicProcessorCommand>) => this.command(event.data);
  }

  private command(message: MicProcessorCommand): void {
    switch (message.type) {
      case 'capture':
        if (message.enabled && !this.capturing) this.resampler.reset();
        if (!message.enabled && this.capturing) this.flushChunk();
        this.capturing = message.enabled;
        break;
      case 'recycle':
        if (message.buffer.byteLength === this.chunkSize * 2) this.pool.push(message.buffer);
        break;
      case 'stop':
        this.alive = false;
        this.capturing = false;
        this.port.onmessage = null;
        break;
    }
  }

  process(inputs: Float32Array[][]): boolean {
    const channel = inputs[0]?.[0];
    // No channel means no live source (not attached yet, or the track ended): that is silence.
    const frames = channel === undefined ? QUANTUM : channel.length;
    if (channel !== undefined) {
      const rms = computeRms(channel, 0, frames);
      this.sumSquares += rms * rms * frames;
      const peak = computePeak(channel, 0, frames);
      if (peak > this.peak) this.peak = peak;
      if (this.capturing) this.capture(channel, frames);
    }
    this.framesSinceReport += frames;
    this.untilReport -= frames;
    if (this.untilReport <= 0) {
      this.untilReport += this.reportEvery;
      this.levels[LEVEL_RMS] = Math.sqrt(this.sumSquares / this.framesSinceReport);
      this.levels[LEVEL_PEAK] = this.peak;
      this.port.postMessage(this.levels);
      this.framesSinceReport = 0;
      this.sumSquares = 0;
      this.peak = 0;
    }
    return this.alive;
  }

  private capture(channel: Float32Array, frames: number): void {
    const count = this.resampler.process(channel, this.resampled, Math.min(frames, QUANTUM * 8));
    let offset = 0;
    while (offset < count) {
      let chunk = this.chunk;
      if (chunk === null) {
        // Pool empty means the main thread is not keeping up; allocate rather than drop audio.
        chunk = new Int16Array(this.pool.pop() ?? new ArrayBuffer(this.chunkSize * 2));
        this.chunk = chunk;
        this.chunkFill = 0;
      }
      const wrote = floatToPcm16(this.resampled, chunk, offset, count - offset, this.chunkFill);
      offset += wrote;
      this.chunkFill += wrote;
      if (this.chunkFill === chunk.length) this.post(chunk);
    }
  }

  private flushChunk(): void {
    const chunk = this.chunk;
    if (chunk !== null && this.chunkFill > 0) this.post(chunk.subarray(0, this.chunkFill));
    else if (chunk !== null) this.pool.push(chunk.buffer as ArrayBuffer);
    this.chunk = null;
    this.chunkFill = 0;
  }

  private post(chunk: Int16Array): void {
    this.transfer[0] = chunk.buffer as ArrayBuffer;
    this.port.postMessage(chunk, this.transfer);
    this.chunk = null;
    this.chunkFill = 0;
  }
}

registerProcessor(MIC_PROCESSOR_NAME, MicProcessor);
