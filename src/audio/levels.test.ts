import { describe, expect, it } from 'vitest';
import { computePeak, computeRms, levelToMeter, smoothLevel } from './levels.js';

const f = (...values: number[]) => Float32Array.from(values);

describe('computeRms / computePeak', () => {
  it.each([
    { name: 'silence', samples: new Float32Array(128), rms: 0, peak: 0 },
    { name: 'empty buffer', samples: new Float32Array(0), rms: 0, peak: 0 },
    { name: 'full scale DC', samples: new Float32Array(128).fill(1), rms: 1, peak: 1 },
    { name: 'negative full scale', samples: new Float32Array(128).fill(-1), rms: 1, peak: 1 },
    { name: 'square wave ±0.5', samples: f(0.5, -0.5, 0.5, -0.5), rms: 0.5, peak: 0.5 },
    { name: 'odd length', samples: f(0.3, -0.4, 0), rms: Math.sqrt(0.25 / 3), peak: 0.4 },
    { name: 'single sample', samples: f(-0.25), rms: 0.25, peak: 0.25 },
    { name: 'beyond full scale is not clamped', samples: f(2, -3), rms: Math.sqrt(6.5), peak: 3 },
    { name: 'NaN counts as silence', samples: f(NaN, 1, NaN, 1), rms: Math.sqrt(0.5), peak: 1 },
    { name: 'all NaN', samples: f(NaN, NaN), rms: 0, peak: 0 },
    {
      name: '-0 and subnormals',
      samples: f(-0, 1e-40),
      rms: expect.closeTo(0, 30) as unknown,
      peak: expect.closeTo(0, 30) as unknown,
    },
  ])('$name', ({ samples, rms, peak }) => {
    expect(computeRms(samples)).toEqual(typeof rms === 'number' ? expect.closeTo(rms, 6) : rms);
    expect(computePeak(samples)).toEqual(typeof peak === 'number' ? expect.closeTo(peak, 6) : peak);
  });

  it.each([
    { name: 'sub-range', start: 1, end: 3, rms: Math.sqrt((0.25 + 0.0625) / 2), peak: 0.5 },
    { name: 'empty range', start: 2, end: 2, rms: 0, peak: 0 },
    { name: 'reversed range', start: 3, end: 1, rms: 0, peak: 0 },
    { name: 'negative start clamps to 0', start: -5, end: 1, rms: 1, peak: 1 },
    { name: 'end past length clamps', start: 3, end: 99, rms: 0.125, peak: 0.125 },
    { name: 'start past length', start: 10, end: 20, rms: 0, peak: 0 },
  ])('range: $name', ({ start, end, rms, peak }) => {
    const samples = f(1, -0.5, 0.25, 0.125);
    expect(computeRms(samples, start, end)).toBeCloseTo(rms, 6);
    expect(computePeak(samples, start, end)).toBeCloseTo(peak, 6);
  });

  it('a full-scale sine has RMS 1/√2', () => {
    const s = new Float32Array(48000);
    for (let i = 0; i < s.length; i++) s[i] = Math.sin((2 * Math.PI * 440 * i) / 48000);
    expect(computeRms(s)).toBeCloseTo(Math.SQRT1_2, 4);
    expect(computePeak(s)).toBeCloseTo(1, 4);
  });
});

describe('smoothLevel', () => {
  it.each([
    {
      name: 'rises by the attack constant',
      prev: 0,
      target: 1,
      dt: 10,
      attack: 10,
      release: 100,
      expected: 1 - Math.exp(-1),
    },
    {
      name: 'falls by the release constant',
      prev: 1,
      target: 0,
      dt: 100,
      attack: 10,
      release: 100,
      expected: Math.exp(-1),
    },
    { name: 'no time passed keeps the level', prev: 0.4, target: 1, dt: 0, attack: 10, release: 100, expected: 0.4 },
    { name: 'zero attack jumps', prev: 0, target: 0.7, dt: 16, attack: 0, release: 100, expected: 0.7 },
    { name: 'steady input stays', prev: 0.3, target: 0.3, dt: 16, attack: 10, release: 100, expected: 0.3 },
    { name: 'NaN target counts as 0', prev: 1, target: NaN, dt: 100, attack: 10, release: 100, expected: Math.exp(-1) },
    {
      name: 'NaN previous recovers',
      prev: NaN,
      target: 1,
      dt: 10,
      attack: 10,
      release: 100,
      expected: 1 - Math.exp(-1),
    },
  ])('$name', ({ prev, target, dt, attack, release, expected }) => {
    expect(smoothLevel(prev, target, dt, attack, release)).toBeCloseTo(expected, 9);
  });

  it('is frame-rate independent', () => {
    let at60 = 0;
    for (let i = 0; i < 6; i++) at60 = smoothLevel(at60, 1, 1000 / 60, 50, 200);
    let at120 = 0;
    for (let i = 0; i < 12; i++) at120 = smoothLevel(at120, 1, 1000 / 120, 50, 200);
    expect(at120).toBeCloseTo(at60, 9);
  });
});

describe('levelToMeter', () => {
  it.each([
    [0, 0],
    [NaN, 0],
    [1, 1],
    [2, 1],
    [0.001, 0],
    [0.0001, 0],
    [Math.pow(10, -30 / 20), 0.5],
  ])('level %f -> %f', (level, meter) => {
    expect(levelToMeter(level)).toBeCloseTo(meter, 9);
  });
});
