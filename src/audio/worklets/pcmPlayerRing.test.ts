import { describe, expect, it } from 'vitest';
import { PlayerRing } from './pcmPlayerRing.js';

const QUANTUM = 128;
// Above the quiet level: the player never lengthens these (see the margin tests for quiet passages).
const LOUD = 4000;

function ramp(start: number, length: number): Int16Array {
  return Int16Array.from({ length }, (_, i) => ((start + i) % 20000) - 10000);
}

/** Renders `quanta` quanta and returns every output sample. */
function renderAll(ring: PlayerRing, quanta: number): Float32Array {
  const all = new Float32Array(quanta * QUANTUM);
  const out = new Float32Array(QUANTUM);
  for (let q = 0; q < quanta; q++) {
    ring.render(out);
    all.set(out, q * QUANTUM);
  }
  return all;
}

describe('PlayerRing', () => {
  it('plays written PCM back exactly at equal rates, in order across quanta and the ring wrap', () => {
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 24000, capacity: 1024, prefillSamples: 1 });
    const input = ramp(0, 5000);
    const played: number[] = [];
    const out = new Float32Array(QUANTUM);
    let written = 0;
    while (played.length < 5000) {
      if (written < 5000 && ring.buffered < 600)
        written += ring.write(1, input.subarray(written, Math.min(5000, written + 300)));
      if (written === 5000) ring.end(1);
      ring.render(out);
      for (const v of out) played.push(Math.round(v * 32768));
    }
    expect(played.slice(0, 5000)).toEqual(Array.from(input));
    expect(ring.underruns).toBe(0);
    expect(ring.overflowSamples).toBe(0);
  });

  it('24 kHz -> 48 kHz: two frames per input sample, a sine keeps its amplitude, position counts input samples', () => {
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 48000 });
    const sine = Int16Array.from({ length: 24000 }, (_, i) =>
      Math.round(16000 * Math.sin((2 * Math.PI * 440 * i) / 24000)),
    );
    ring.write(7, sine);
    ring.end(7);
    const out = renderAll(ring, 375); // 48,000 frames = 1 s
    expect(ring.token).toBe(7);
    expect(ring.playedInToken).toBe(24000);
    let peak = 0;
    for (const v of out) peak = Math.max(peak, Math.abs(v));
    expect(peak).toBeGreaterThan(0.48);
    expect(peak).toBeLessThan(0.4885);
    // Interpolated midpoints lie between their neighbours.
    expect(out[1]).toBeCloseTo((sine[0]! + sine[1]!) / 2 / 32768, 6);
  });

  it('44.1 kHz output: the played position stays exact over a minute (no drift)', () => {
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 44100, capacity: 1 << 21 });
    const second = new Int16Array(24000);
    for (let s = 0; s < 61; s++) ring.write(1, second);
    const frames = 44100 * 60;
    const out = new Float32Array(QUANTUM);
    for (let f = 0; f < frames; f += QUANTUM) ring.render(out, Math.min(QUANTUM, frames - f));
    expect(ring.playedInToken).toBe(24000 * 60);
    expect(ring.underruns).toBe(0);
  });

  it('jitter buffer: a short first delta waits startDelayFrames, a long one starts in the first quantum', () => {
    const short = new PlayerRing({ inputRate: 24000, outputRate: 48000, prefillSamples: 1440, startDelayFrames: 720 });
    short.write(1, new Int16Array(480).fill(1000));
    const waited = renderAll(short, 8);
    const firstSound = waited.findIndex((v) => v !== 0);
    expect(firstSound).toBe(6 * QUANTUM); // 720 frames = 5.6 quanta, so the 7th quantum plays
    const long = new PlayerRing({ inputRate: 24000, outputRate: 48000, prefillSamples: 1440, startDelayFrames: 720 });
    long.write(1, new Int16Array(2400).fill(1000));
    expect(renderAll(long, 1)[0]).not.toBe(0);
    expect(long.startedToken).toBe(1);
  });

  it('counts an underrun when audio runs dry mid-item, none when the item ended', () => {
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 24000, prefillSamples: 1 });
    ring.write(1, new Int16Array(200).fill(5));
    renderAll(ring, 3);
    expect(ring.underruns).toBe(1);
    ring.write(1, new Int16Array(200).fill(5));
    ring.end(1);
    renderAll(ring, 3);
    expect(ring.underruns).toBe(1);
    expect(ring.playedInToken).toBe(400);
  });

  it('clear() silences from the next quantum and returns the exact played position of the item', () => {
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 48000, prefillSamples: 1 });
    ring.write(3, ramp(0, 24000));
    renderAll(ring, 10); // 1280 frames = 640 input samples
    expect(ring.clear()).toBe(640);
    expect(ring.clearedToken).toBe(3);
    expect(ring.buffered).toBe(0);
    expect(renderAll(ring, 2).every((v) => v === 0)).toBe(true);
    expect(ring.underruns).toBe(0);
    // Audio written after the clear plays as a new item.
    ring.write(4, new Int16Array(1000).fill(100));
    renderAll(ring, 1);
    expect(ring.token).toBe(4);
    expect(ring.playedInToken).toBe(64);
  });

  it('tracks items in order: position moves to the next token once the previous one is played', () => {
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 24000, prefillSamples: 1 });
    ring.write(1, new Int16Array(1000).fill(1000));
    ring.write(2, new Int16Array(1000).fill(2000));
    renderAll(ring, 7); // 896
    expect([ring.token, ring.playedInToken]).toEqual([1, 896]);
    renderAll(ring, 5); // 1536
    expect([ring.token, ring.playedInToken]).toEqual([2, 536]);
    expect(ring.clear()).toBe(536);
    expect(ring.clearedToken).toBe(2);
    // All played: the last item stays readable with its full length.
    ring.write(5, new Int16Array(100).fill(3));
    ring.end(5);
    renderAll(ring, 2);
    expect([ring.token, ring.playedInToken]).toEqual([5, 100]);
  });

  it('refuses what does not fit and counts it', () => {
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 24000, capacity: 1024, maxSegments: 2 });
    expect(ring.write(1, new Int16Array(2000))).toBe(1024);
    expect(ring.overflowSamples).toBe(976);
    const roomy = new PlayerRing({ inputRate: 24000, outputRate: 24000, maxSegments: 2 });
    roomy.write(1, new Int16Array(10));
    roomy.write(2, new Int16Array(10));
    expect(roomy.write(3, new Int16Array(10))).toBe(0);
    expect(roomy.write(2, new Int16Array(10))).toBe(10);
    expect(roomy.overflowSamples).toBe(10);
  });

  it('rejects impossible rates', () => {
    expect(() => new PlayerRing({ outputRate: 0 })).toThrow(RangeError);
  });
});

describe('PlayerRing jitter margin', () => {
  /** Feeds `chunk` input samples every `every` quanta (one late by `lateQuanta` at `lateAt`), counts underruns. */
  function stream(ring: PlayerRing, quanta: number, chunk: number, every: number, late: Record<number, number> = {}) {
    const out = new Float32Array(QUANTUM);
    const pending: number[] = [];
    for (let q = 0; q < quanta; q++) {
      if (q % every === 0) pending.push(q + (late[q] ?? 0));
      while (pending.length > 0 && pending[0]! <= q) {
        pending.shift();
        ring.write(1, new Int16Array(chunk).fill(LOUD));
      }
      ring.render(out);
    }
    return ring.underruns;
  }

  it('after an underrun the margin deepens, so the same stall no longer starves it', () => {
    // 24 kHz in, 24 kHz out: 1200 samples (50 ms) every 9.375 quanta is real time; use 1152 every 9 quanta.
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 24000, prefillSamples: 1440, startDelayFrames: 360 });
    // Two stalls of 40 ms (about 8 quanta) far apart: the first costs an underrun, the second does not.
    const underruns = stream(ring, 2000, 1152, 9, { 450: 8, 1350: 8 });
    expect(underruns).toBe(1);
  });

  it('an underrun doubles the start delay; an item that then plays out halves it back', () => {
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 24000, prefillSamples: 1440, startDelayFrames: 360 });
    ring.write(1, new Int16Array(200).fill(LOUD));
    renderAll(ring, 6);
    expect(ring.underruns).toBe(1);
    // More of the same item, short of the prefill: now it waits 720 frames (6 quanta) instead of 360 (3).
    ring.write(1, new Int16Array(480).fill(LOUD));
    expect(renderAll(ring, 8).findIndex((v) => v !== 0)).toBe(6 * QUANTUM);
    ring.write(1, new Int16Array(100).fill(LOUD));
    ring.end(1);
    renderAll(ring, 4);
    expect(ring.underruns).toBe(1);
    ring.write(2, new Int16Array(480).fill(LOUD));
    expect(renderAll(ring, 8).findIndex((v) => v !== 0)).toBe(3 * QUANTUM);
  });
});

describe('PlayerRing margin built in quiet passages', () => {
  /** Speech-like PCM: loud, with a 40 ms pause (zeros) every 240 ms, at 24 kHz. */
  const speech = (from: number, length: number) =>
    Int16Array.from({ length }, (_, i) => ((from + i) % 5760 < 960 ? 0 : ((from + i) % 7) * 800 - 2400));

  /** 1152 samples every 9 quanta at 24 kHz out (exactly real time), one stall of `stall` quanta at quantum 1350. */
  function paced(ring: PlayerRing, stall: number) {
    const out = new Float32Array(QUANTUM);
    let written = 0;
    let sound = 0;
    for (let q = 0; q < 2400; q++) {
      const due = q % 9 === 0 && !(q >= 1350 && q < 1350 + stall);
      const late = stall > 0 && q === 1350 + stall;
      // A stalled main thread delivers what it owes at once when it runs again.
      const chunks = due ? 1 + (late ? Math.ceil(stall / 9) : 0) : late ? Math.ceil(stall / 9) : 0;
      for (let c = 0; c < chunks; c++) written += ring.write(1, speech(written, 1152));
      ring.render(out);
      for (const v of out) if (v !== 0) sound++;
    }
    ring.end(1);
    for (let q = 0; q < 200; q++) {
      ring.render(out);
      for (const v of out) if (v !== 0) sound++;
    }
    return { written, sound };
  }

  it('a stream paced in real time survives a 43 ms stall once pauses have built the margin; without it, it runs dry', () => {
    const options = { inputRate: 24000, outputRate: 24000, prefillSamples: 1440, startDelayFrames: 360 };
    const built = new PlayerRing(options);
    const { written } = paced(built, 8);
    expect(built.underruns).toBe(0);
    // The margin came from pauses only: about 60 ms minus the start delay, in whole quanta.
    expect(built.stretchedFrames).toBeGreaterThanOrEqual(1440 - 360 - QUANTUM);
    expect(built.stretchedFrames % QUANTUM).toBe(0);
    expect(built.stretchedFrames).toBeLessThanOrEqual(1440 + QUANTUM);
    // Every sample written was played, and the position still counts input samples only.
    expect(built.playedInToken).toBe(written);
    const bare = new PlayerRing({ ...options, marginFrames: 0 });
    paced(bare, 8);
    expect(bare.underruns).toBe(1);
    expect(bare.stretchedFrames).toBe(0);
  });

  it('never lengthens sound, a quiet start, an ended item or a stream that arrives ahead of playback', () => {
    const loud = new PlayerRing({ inputRate: 24000, outputRate: 48000, prefillSamples: 1 });
    loud.write(1, new Int16Array(24000).fill(LOUD));
    renderAll(loud, 100);
    expect(loud.stretchedFrames).toBe(0);
    // A reply starting with silence starts at once: the first quantum reads it.
    const quietStart = new PlayerRing({ inputRate: 24000, outputRate: 48000, prefillSamples: 1 });
    quietStart.write(1, new Int16Array(240));
    renderAll(quietStart, 1);
    expect([quietStart.playedInToken, quietStart.stretchedFrames]).toEqual([64, 0]);
    const ended = new PlayerRing({ inputRate: 24000, outputRate: 48000, prefillSamples: 1 });
    ended.write(1, speech(0, 12000));
    ended.end(1);
    renderAll(ended, 200);
    expect([ended.playedInToken, ended.stretchedFrames]).toEqual([12000, 0]);
    // Two seconds delivered up front (a server faster than real time): the low point is far above the margin.
    const ahead = new PlayerRing({ inputRate: 24000, outputRate: 48000, prefillSamples: 1 });
    ahead.write(1, speech(0, 48000));
    renderAll(ahead, 300);
    expect(ahead.stretchedFrames).toBe(0);
  });

  it('clear() right after a lengthened pause still answers the exact input position', () => {
    const ring = new PlayerRing({ inputRate: 24000, outputRate: 24000, prefillSamples: 1 });
    ring.write(2, new Int16Array(300).fill(LOUD));
    ring.write(2, new Int16Array(600));
    renderAll(ring, 4); // 300 loud, then pause: the low point is under the margin
    expect(ring.stretchedFrames).toBeGreaterThan(0);
    const reached = ring.playedInToken;
    expect(reached).toBe(384); // the held quanta did not move it
    expect(ring.clear()).toBe(reached);
    expect(renderAll(ring, 1).every((v) => v === 0)).toBe(true);
  });
});
