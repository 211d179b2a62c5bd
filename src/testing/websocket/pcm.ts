import { VAD_FRAME_SAMPLES } from '../EnergyVad.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Decodes `input_audio_buffer.append` audio (base64 PCM16 LE, 24 kHz mono); a string as the error when it is not. */
export function decodePcm16(base64: string): Int16Array | string {
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) {
    return "Invalid 'audio': expected base64-encoded PCM16 (24 kHz, mono, little-endian).";
  }
  const bytes = Buffer.from(base64, 'base64');
  const copy = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < copy.length; i++) copy[i] = bytes.readInt16LE(i * 2);
  return copy;
}

/** 48 kHz -> 24 kHz by averaging sample pairs (a crude low-pass; the scripted voice has little above 6 kHz). */
export function downsampleTo24k(pcm48: Int16Array): Int16Array {
  const out = new Int16Array(pcm48.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (pcm48[2 * i]! + pcm48[2 * i + 1]!) >> 1;
  return out;
}

export function encodePcm16(pcm: Int16Array): string {
  const bytes = Buffer.allocUnsafe(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) bytes.writeInt16LE(pcm[i]!, i * 2);
  return bytes.toString('base64');
}

/**
 * Turns appended 24 kHz PCM into the 20 ms, 48 kHz frames the VAD works on (linear interpolation). The frame
 * buffer is reused: consumers must not keep it.
 */
export class PcmFramer {
  private readonly frame = new Int16Array(VAD_FRAME_SAMPLES);
  private filled = 0;
  private last = 0;

  constructor(private readonly onFrame: (frame: Int16Array) => void) {}

  push(pcm24: Int16Array): void {
    for (let i = 0; i < pcm24.length; i++) {
      const sample = pcm24[i]!;
      this.put((this.last + sample) >> 1);
      this.put(sample);
      this.last = sample;
    }
  }

  private put(sample: number): void {
    this.frame[this.filled++] = sample;
    if (this.filled === VAD_FRAME_SAMPLES) {
      this.filled = 0;
      this.onFrame(this.frame);
    }
  }
}
