import type OpusScript from 'opusscript';
import { InputMeter } from '../engine/inputStats.js';
import type { MicInputStats } from '../engine/inputStats.js';
import { FRAME_SAMPLES, createOpus } from './opus.js';

/**
 * Decodes the caller's Opus RTP into 20 ms PCM frames (48 kHz mono), handing each to `onFrame`.
 * The frame buffer is reused: consumers must not keep it.
 */
export class MicInput {
  private readonly decoder: OpusScript = createOpus();
  private readonly frame = new Int16Array(FRAME_SAMPLES);
  private readonly meter = new InputMeter();
  private filled = 0;
  private closed = false;
  /** Packets that failed to decode (corrupt or not Opus). */
  decodeErrors = 0;

  constructor(private readonly onFrame: (frame: Int16Array) => void) {}

  push(payload: Buffer): void {
    if (this.closed || payload.length === 0) return;
    let pcmBytes: Buffer;
    try {
      pcmBytes = this.decoder.decode(payload);
    } catch {
      this.decodeErrors++;
      return;
    }
    const aligned = pcmBytes.byteOffset % 2 === 0 ? pcmBytes : Buffer.from(pcmBytes);
    const pcm = new Int16Array(aligned.buffer, aligned.byteOffset, aligned.length >> 1);
    let offset = 0;
    while (offset < pcm.length) {
      const take = Math.min(FRAME_SAMPLES - this.filled, pcm.length - offset);
      this.frame.set(pcm.subarray(offset, offset + take), this.filled);
      this.filled += take;
      offset += take;
      if (this.filled === FRAME_SAMPLES) {
        this.filled = 0;
        this.meter.measure(this.frame);
        this.onFrame(this.frame);
      }
    }
  }

  stats(): MicInputStats {
    return this.meter.stats();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.decoder.delete();
  }
}
