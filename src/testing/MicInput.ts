import type OpusScript from 'opusscript';
import { frameRms } from './EnergyVad.js';
import { FRAME_SAMPLES, createOpus } from './opus.js';

/** Below this RMS (-60 dBFS) a frame counts as silence, e.g. a muted track. */
const AUDIBLE_RMS = 0.001;

/** What the emulator heard from the caller, for tests (e.g. that a muted mic sends silence). */
export interface MicInputStats {
  /** 20 ms frames decoded so far. */
  frames: number;
  /** Frames above -60 dBFS. */
  audibleFrames: number;
  /** RMS (0..1) of the latest frame. */
  lastRms: number;
}

/**
 * Decodes the caller's Opus RTP into 20 ms PCM frames (48 kHz mono), handing each to `onFrame`.
 * The frame buffer is reused: consumers must not keep it.
 */
export class MicInput {
  private readonly decoder: OpusScript = createOpus();
  private readonly frame = new Int16Array(FRAME_SAMPLES);
  private filled = 0;
  private closed = false;
  /** Packets that failed to decode (corrupt or not Opus). */
  decodeErrors = 0;
  private framesHeard = 0;
  private audibleFrames = 0;
  private lastRms = 0;

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
        this.lastRms = frameRms(this.frame);
        this.framesHeard++;
        if (this.lastRms >= AUDIBLE_RMS) this.audibleFrames++;
        this.onFrame(this.frame);
      }
    }
  }

  stats(): MicInputStats {
    return { frames: this.framesHeard, audibleFrames: this.audibleFrames, lastRms: this.lastRms };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.decoder.delete();
  }
}
