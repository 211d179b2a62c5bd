import { RtpHeader, RtpPacket } from 'werift';
import type OpusScript from 'opusscript';
import { FRAME_SAMPLES, createOpus } from './opus.js';
import type { AudioOutput, PlayoutEvents } from '../engine/types.js';
import { SAMPLE_RATE } from '../speechSynth.js';

const FRAME_MS = 20;
const OPUS_PAYLOAD_TYPE = 111;

/**
 * The server's output audio buffer: PCM queued by responses leaves as Opus RTP, one 20 ms frame per tick,
 * paced by the wall clock (with catch-up, so timer jitter does not slow playback down).
 */
export class AudioPlayout implements AudioOutput {
  private readonly encoder: OpusScript = createOpus();
  private readonly frameBytes = Buffer.alloc(FRAME_SAMPLES * 2);
  private readonly frame = new Int16Array(this.frameBytes.buffer, this.frameBytes.byteOffset, FRAME_SAMPLES);
  private readonly chunks: Int16Array[] = [];
  private chunkOffset = 0;
  private queuedSamples = 0;
  private sequence = Math.floor(Math.random() * 0xffff);
  private timestamp = Math.floor(Math.random() * 0xffffffff);
  private lastFrameAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private nextTickAt = 0;
  private burst = false;
  /** Samples sent in the current burst (how much the listener has heard). */
  playedSamples = 0;

  constructor(
    private readonly sendRtp: (packet: RtpPacket) => void,
    private readonly events: PlayoutEvents,
  ) {}

  get queuedMs(): number {
    return (this.queuedSamples * 1000) / SAMPLE_RATE;
  }

  get playing(): boolean {
    return this.burst;
  }

  get playedMs(): number {
    return (this.playedSamples * 1000) / SAMPLE_RATE;
  }

  start(): void {
    if (this.timer) return;
    this.nextTickAt = performance.now();
    this.schedule();
  }

  enqueue(pcm: Int16Array): void {
    if (pcm.length === 0) return;
    this.chunks.push(pcm);
    this.queuedSamples += pcm.length;
  }

  /** Drops everything not yet sent; returns the ms that were dropped. */
  clear(): number {
    const dropped = this.queuedMs;
    this.chunks.length = 0;
    this.chunkOffset = 0;
    this.queuedSamples = 0;
    this.burst = false;
    return dropped;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.clear();
    this.encoder.delete();
  }

  private schedule(): void {
    const delay = Math.max(0, this.nextTickAt - performance.now());
    this.timer = setTimeout(() => this.tick(), delay);
  }

  private tick(): void {
    const now = performance.now();
    // Catch up at most 5 frames after a stall; beyond that, skip ahead rather than burst.
    let due = Math.min(5, Math.floor((now - this.nextTickAt) / FRAME_MS) + 1);
    if (now - this.nextTickAt > 5 * FRAME_MS) this.nextTickAt = now;
    while (due-- > 0) {
      this.events.onTick();
      this.sendFrame(now);
      this.nextTickAt += FRAME_MS;
    }
    if (this.timer !== undefined) this.schedule();
  }

  private sendFrame(now: number): void {
    if (this.queuedSamples === 0) {
      if (this.burst) {
        this.burst = false;
        this.events.onDrained();
      }
      return;
    }
    let marker = false;
    if (!this.burst) {
      // A new talk spurt: the RTP clock keeps running through the silence, as a real sender's does.
      if (this.lastFrameAt > 0) {
        const idle = Math.max(FRAME_SAMPLES, Math.round(((now - this.lastFrameAt) * SAMPLE_RATE) / 1000));
        this.timestamp = (this.timestamp + idle - FRAME_SAMPLES) >>> 0;
      }
      this.burst = true;
      this.playedSamples = 0;
      marker = true;
    }
    let filled = 0;
    while (filled < FRAME_SAMPLES && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const take = Math.min(FRAME_SAMPLES - filled, chunk.length - this.chunkOffset);
      this.frame.set(chunk.subarray(this.chunkOffset, this.chunkOffset + take), filled);
      filled += take;
      this.chunkOffset += take;
      if (this.chunkOffset >= chunk.length) {
        this.chunks.shift();
        this.chunkOffset = 0;
      }
    }
    if (filled < FRAME_SAMPLES) this.frame.fill(0, filled);
    this.queuedSamples -= filled;
    this.playedSamples += filled;
    const payload = this.encoder.encode(this.frameBytes, FRAME_SAMPLES);
    const header = new RtpHeader({
      payloadType: OPUS_PAYLOAD_TYPE,
      sequenceNumber: this.sequence,
      timestamp: this.timestamp,
      marker,
    });
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + FRAME_SAMPLES) >>> 0;
    this.lastFrameAt = now;
    this.sendRtp(new RtpPacket(header, payload));
    if (marker) this.events.onStarted();
  }
}
