import { describe, expect, it } from 'vitest';
import { StreamingResampler } from './StreamingResampler.js';

function sine(length: number, frequency: number, rate: number, amplitude: number, start = 0): Float32Array {
  const out = new Float32Array(length);
  const w = (2 * Math.PI * frequency) / rate;
  for (let i = 0; i < length; i++) out[i] = amplitude * Math.sin(w * (start + i));
  return out;
}

/** Feeds `input` in blocks of the given sizes (cycled) and returns everything written. */
function stream(resampler: StreamingResampler, input: Float32Array, blockSizes: number[]): Float32Array {
  const out = new Float32Array(resampler.maxOutputLength(input.length) + 16);
  const scratch = new Float32Array(resampler.maxOutputLength(Math.max(...blockSizes)));
  let written = 0;
  let b = 0;
  for (let pos = 0; pos < input.length; b++) {
    const size = Math.min(blockSizes[b % blockSizes.length]!, input.length - pos);
    const n = resampler.process(input.subarray(pos, pos + size), scratch);
    out.set(scratch.subarray(0, n), written);
    written += n;
    pos += size;
  }
  return out.subarray(0, written);
}

describe('StreamingResampler', () => {
  it.each([
    { from: 48000, to: 24000 },
    { from: 44100, to: 24000 },
    { from: 96000, to: 24000 },
    { from: 22050, to: 24000 },
    { from: 16000, to: 24000 },
    { from: 24000, to: 24000 },
  ])('$from -> $to: a 440 Hz sine keeps its frequency and amplitude across 128-frame quanta', ({ from, to }) => {
    const amplitude = 0.8;
    const input = sine(from * 2, 440, from, amplitude);
    const r = new StreamingResampler(from, to);
    const out = stream(r, input, [128]);
    expect(out.length).toBe(Math.ceil(((input.length - 1) * to) / from));

    // Downsampling low-passes with a two-tap average: half a sample of delay and cos(pi f / fs) of gain.
    const ratio = from / to;
    const delay = from > to ? 0.5 : 0;
    const gain = from > to ? Math.cos((Math.PI * 440) / from) : 1;
    const w = (2 * Math.PI * 440) / from;
    let maxError = 0;
    let crossings = 0;
    for (let k = 2; k < out.length; k++) {
      const ideal = amplitude * gain * Math.sin(w * (k * ratio - delay));
      maxError = Math.max(maxError, Math.abs(out[k]! - ideal));
      if (out[k - 1]! < 0 && out[k]! >= 0) crossings++;
    }
    expect(maxError).toBeLessThan(0.003);
    expect(crossings).toBeGreaterThanOrEqual(879);
    expect(crossings).toBeLessThanOrEqual(880);
    let sum = 0;
    for (let k = 0; k < out.length; k++) sum += out[k]! * out[k]!;
    expect(Math.sqrt(sum / out.length)).toBeCloseTo(amplitude * Math.SQRT1_2, 2);
  });

  it.each([
    { name: 'single samples', sizes: [1] },
    { name: 'odd block sizes', sizes: [7, 1, 127, 3, 128, 5] },
    { name: 'quanta of 128', sizes: [128] },
    { name: 'large blocks', sizes: [1000, 4096] },
  ])('output does not depend on block boundaries: $name', ({ sizes }) => {
    for (const from of [48000, 44100, 16000]) {
      const input = sine(12345, 997, from, 0.9);
      const whole = stream(new StreamingResampler(from, 24000), input, [input.length]);
      const pieces = stream(new StreamingResampler(from, 24000), input, sizes);
      expect(pieces.length).toBe(whole.length);
      expect(Array.from(pieces)).toEqual(Array.from(whole));
    }
  });

  it.each([
    { from: 48000, seconds: 60, expected: 1_440_000 },
    { from: 44100, seconds: 60, expected: 1_440_000 },
    { from: 96000, seconds: 10, expected: 240_000 },
  ])('$from Hz for $seconds s of 128-frame quanta gives exactly $expected samples', ({ from, seconds, expected }) => {
    const r = new StreamingResampler(from, 24000);
    const quantum = new Float32Array(128);
    const out = new Float32Array(r.maxOutputLength(128));
    let remaining = from * seconds;
    let total = 0;
    while (remaining > 0) {
      const n = Math.min(128, remaining);
      total += r.process(quantum, out, n);
      remaining -= n;
    }
    expect(total).toBe(expected);
  });

  it('never writes more than maxOutputLength', () => {
    for (const from of [8000, 16000, 22050, 44100, 48000, 96000]) {
      const r = new StreamingResampler(from, 24000);
      const out = new Float32Array(r.maxOutputLength(128));
      const input = new Float32Array(128);
      for (let i = 0; i < 500; i++) expect(r.process(input, out)).toBeLessThanOrEqual(out.length);
    }
  });

  it('refuses a short output buffer before changing state, so no audio is lost', () => {
    const r = new StreamingResampler(48000, 24000);
    const input = sine(128, 440, 48000, 0.5);
    expect(() => r.process(input, new Float32Array(10))).toThrow(RangeError);
    const fresh = new StreamingResampler(48000, 24000);
    const a = new Float32Array(100);
    const b = new Float32Array(100);
    expect(r.process(input, a)).toBe(fresh.process(input, b));
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it.each([0, -1, NaN, Infinity])('rejects the input rate %f', (rate) => {
    expect(() => new StreamingResampler(rate, 24000)).toThrow(RangeError);
  });

  it('an empty block changes nothing', () => {
    const r = new StreamingResampler(44100, 24000);
    expect(r.process(new Float32Array(0), new Float32Array(4))).toBe(0);
    expect(r.process(new Float32Array(128), new Float32Array(128), 0)).toBe(0);
  });

  it('reset starts a fresh stream', () => {
    const r = new StreamingResampler(44100, 24000);
    const input = sine(300, 440, 44100, 0.5);
    const first = new Float32Array(200);
    const n = r.process(input, first);
    r.process(input.subarray(0, 77), new Float32Array(200));
    r.reset();
    const again = new Float32Array(200);
    expect(r.process(input, again)).toBe(n);
    expect(Array.from(again)).toEqual(Array.from(first));
  });
});
