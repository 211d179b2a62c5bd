import { describe, expect, it } from 'vitest';
import { floatToPcm16, floatToPcm16Sample, pcm16ToFloat } from './pcm16.js';

describe('floatToPcm16Sample', () => {
  it.each([
    [0, 0],
    [-0, 0],
    [1, 32767],
    [-1, -32768],
    [0.5, 16384],
    [-0.5, -16384],
    [1.5, 32767],
    [-7, -32768],
    [Infinity, 32767],
    [-Infinity, -32768],
    [NaN, 0],
    [1 / 32767, 1],
    [-1 / 32768, -1],
    [0.4 / 32767, 0],
  ])('%f -> %i', (input, expected) => {
    expect(floatToPcm16Sample(input)).toBe(expected);
  });
});

describe('floatToPcm16', () => {
  it('converts a whole buffer the same way as one sample at a time', () => {
    const input = Float32Array.from([0, 0.25, -0.25, 1, -1, 2, -2, NaN, 0.999, -0.999, 1e-6]);
    const out = new Int16Array(input.length);
    expect(floatToPcm16(input, out)).toBe(input.length);
    expect(Array.from(out)).toEqual(Array.from(input, floatToPcm16Sample));
  });

  it.each([
    { name: 'odd offsets', inStart: 1, count: 3, outStart: 2, wrote: 3, out: [0, 0, 8192, -8192, 32767, 0] },
    { name: 'stops at the end of the output', inStart: 0, count: 5, outStart: 4, wrote: 2, out: [0, 0, 0, 0, 0, 8192] },
    {
      name: 'stops at the end of the input',
      inStart: 3,
      count: 10,
      outStart: 0,
      wrote: 2,
      out: [32767, -32768, 0, 0, 0, 0],
    },
    { name: 'zero count', inStart: 0, count: 0, outStart: 0, wrote: 0, out: [0, 0, 0, 0, 0, 0] },
    { name: 'negative count', inStart: 0, count: -4, outStart: 0, wrote: 0, out: [0, 0, 0, 0, 0, 0] },
  ])('$name', ({ inStart, count, outStart, wrote, out }) => {
    const input = Float32Array.from([0, 0.25, -0.25, 1, -1]);
    const output = new Int16Array(6);
    expect(floatToPcm16(input, output, inStart, count, outStart)).toBe(wrote);
    expect(Array.from(output)).toEqual(out);
  });

  it('round-trips within one step', () => {
    const input = new Float32Array(1001);
    for (let i = 0; i < input.length; i++) input[i] = -1 + (2 * i) / 1000;
    const pcm = new Int16Array(input.length);
    floatToPcm16(input, pcm);
    const back = new Float32Array(input.length);
    expect(pcm16ToFloat(pcm, back)).toBe(input.length);
    for (let i = 0; i < input.length; i++) expect(Math.abs(back[i]! - input[i]!)).toBeLessThan(1 / 32767);
  });
});
