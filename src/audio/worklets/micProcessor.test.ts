import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createProcessor, fillSine, loadMicProcessor, type PortLike } from '../../../test/support/workletScope.js';
import { LEVEL_PEAK, LEVEL_RMS } from './micProcessorProtocol.js';

type Ctor = Awaited<ReturnType<typeof loadMicProcessor>>;
let MicProcessor: Ctor;
const channels: MessageChannel[] = [];

beforeAll(async () => {
  MicProcessor = await loadMicProcessor();
});

afterEach(() => {
  for (const c of channels.splice(0)) {
    c.port1.close();
    c.port2.close();
  }
});

/** A port that records what the processor posts, synchronously, like a counting `postMessage`. */
function recordingPort(): PortLike & { sent: unknown[]; transfers: Transferable[][] } {
  return {
    sent: [],
    transfers: [],
    onmessage: null,
    postMessage(message: unknown, transfer?: Transferable[]) {
      // Copy: the processor reuses its level array, as a structured clone would not see.
      this.sent.push(message instanceof Float32Array ? Float32Array.from(message) : message);
      this.transfers.push(transfer ? [...transfer] : []);
    },
  };
}

const send = (port: PortLike, data: unknown) => port.onmessage?.({ data } as MessageEvent);

function run(
  processor: { process: (i: Float32Array[][], o: Float32Array[][], p: Record<string, Float32Array>) => boolean },
  quanta: number,
  fill: (q: Float32Array, index: number) => void,
) {
  const q = new Float32Array(128);
  const inputs = [[q]];
  const outputs: Float32Array[][] = [];
  const params = {};
  for (let i = 0; i < quanta; i++) {
    fill(q, i);
    expect(processor.process(inputs, outputs, params)).toBe(true);
  }
}

describe('mic processor (real worklet module in a shim AudioWorkletGlobalScope)', () => {
  it.each([
    { rate: 48000, intervalMs: 50, quanta: 375, posts: 20 }, // one second
    { rate: 44100, intervalMs: 50, quanta: 345, posts: 20 },
    { rate: 48000, intervalMs: 100, quanta: 375, posts: 10 },
    { rate: 48000, intervalMs: 1, quanta: 100, posts: 100 }, // clamped to one quantum
  ])('posts levels at a bounded rate: $rate Hz every $intervalMs ms', ({ rate, intervalMs, quanta, posts }) => {
    const port = recordingPort();
    const p = createProcessor(MicProcessor, {
      sampleRate: rate,
      port,
      processorOptions: { levelIntervalMs: intervalMs },
    });
    run(p, quanta, (q, i) => fillSine(q, i * 128, 440, rate, 0.5));
    expect(port.sent.length).toBe(posts);
    for (const m of port.sent) expect(m).toBeInstanceOf(Float32Array);
  });

  it.each([
    { name: 'silence', amplitude: 0, rms: 0, peak: 0 },
    { name: 'half-scale sine', amplitude: 0.5, rms: 0.5 * Math.SQRT1_2, peak: 0.5 },
    { name: 'full-scale sine', amplitude: 1, rms: Math.SQRT1_2, peak: 1 },
  ])('reports RMS and peak: $name', ({ amplitude, rms, peak }) => {
    const port = recordingPort();
    const p = createProcessor(MicProcessor, { sampleRate: 48000, port });
    run(p, 375, (q, i) => fillSine(q, i * 128, 440, 48000, amplitude));
    const last = port.sent.at(-1) as Float32Array;
    expect(last[LEVEL_RMS]).toBeCloseTo(rms, 2);
    expect(last[LEVEL_PEAK]).toBeCloseTo(peak, 3);
  });

  it('reports silence when the input has no channels (no source, or the track ended)', () => {
    const port = recordingPort();
    const p = createProcessor(MicProcessor, { sampleRate: 48000, port });
    const inputs: Float32Array[][] = [[]];
    for (let i = 0; i < 40; i++) expect(p.process(inputs, [], {})).toBe(true);
    expect(port.sent.length).toBe(2);
    expect(Array.from(port.sent[1] as Float32Array)).toEqual([0, 0]);
  });

  it('levels cover the whole interval: a burst is not lost between posts', () => {
    const port = recordingPort();
    const p = createProcessor(MicProcessor, { sampleRate: 48000, port });
    run(p, 19, (q, i) => q.fill(i === 3 ? 0.9 : 0));
    const levels = port.sent[0] as Float32Array;
    expect(levels[LEVEL_PEAK]).toBeCloseTo(0.9, 5);
    expect(levels[LEVEL_RMS]).toBeCloseTo(Math.sqrt((0.81 * 128) / (19 * 128)), 5);
  });

  it('captures nothing until asked', () => {
    const port = recordingPort();
    const p = createProcessor(MicProcessor, { sampleRate: 48000, port });
    run(p, 375, (q, i) => fillSine(q, i * 128, 440, 48000, 0.5));
    expect(port.sent.some((m) => m instanceof Int16Array)).toBe(false);
  });

  it.each([
    { rate: 48000, chunk: 1200 },
    { rate: 44100, chunk: 1200 },
    { rate: 48000, chunk: 480 },
  ])('captures 24 kHz PCM16 in fixed chunks, transferring pooled buffers ($rate Hz, $chunk)', ({ rate, chunk }) => {
    const port = recordingPort();
    const p = createProcessor(MicProcessor, {
      sampleRate: rate,
      port,
      processorOptions: { captureChunkSize: chunk, capturePoolSize: 4 },
    });
    send(p.port, { type: 'capture', enabled: true });
    const quanta = Math.round(rate / 128); // about one second
    run(p, quanta, (q, i) => fillSine(q, i * 128, 440, rate, 0.5));
    const chunks = port.sent.filter((m): m is Int16Array => m instanceof Int16Array);
    const expectedSamples = Math.ceil(((quanta * 128 - 1) * 24000) / rate);
    expect(chunks.length).toBe(Math.floor(expectedSamples / chunk));
    for (const c of chunks) expect(c.length).toBe(chunk);
    // Every chunk went out by transfer, with its own buffer.
    const transferred = port.transfers.filter((t) => t.length > 0).map((t) => t[0]);
    expect(transferred).toEqual(chunks.map((c) => c.buffer));
    // The signal survives: 440 Hz, half scale, as int16.
    const all = new Int16Array(chunks.length * chunk);
    chunks.forEach((c, i) => all.set(c, i * chunk));
    let sum = 0;
    let crossings = 0;
    for (let i = 1; i < all.length; i++) {
      sum += (all[i]! / 32768) ** 2;
      if (all[i - 1]! < 0 && all[i]! >= 0) crossings++;
    }
    expect(Math.sqrt(sum / all.length)).toBeCloseTo(0.5 * Math.SQRT1_2, 2);
    expect(Math.abs(crossings - (440 * all.length) / 24000)).toBeLessThanOrEqual(1);
  });

  it('flushes the partial chunk when capture stops, and resumes cleanly', () => {
    const port = recordingPort();
    const p = createProcessor(MicProcessor, { sampleRate: 48000, port, processorOptions: { captureChunkSize: 1000 } });
    send(p.port, { type: 'capture', enabled: true });
    run(p, 10, (q) => q.fill(0.25));
    send(p.port, { type: 'capture', enabled: false });
    const chunks = port.sent.filter((m): m is Int16Array => m instanceof Int16Array);
    expect(chunks.map((c) => c.length)).toEqual([Math.ceil((1280 - 1) / 2)]);
    run(p, 10, (q) => q.fill(0.25));
    expect(port.sent.filter((m) => m instanceof Int16Array).length).toBe(1);
  });

  it('with a real MessageChannel, buffers are transferred (detached here) and recycled by the main thread', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    const received: Int16Array[] = [];
    const done = new Promise<void>((resolve) => {
      channel.port2.onmessage = (event: MessageEvent) => {
        if (!(event.data instanceof Int16Array)) return;
        received.push(Int16Array.from(event.data));
        channel.port2.postMessage({ type: 'recycle', buffer: event.data.buffer }, [event.data.buffer]);
        if (received.length === 6) resolve();
      };
    });
    const p = createProcessor(MicProcessor, {
      sampleRate: 48000,
      port: channel.port1,
      processorOptions: { captureChunkSize: 240, capturePoolSize: 2 },
    });
    channel.port2.postMessage({ type: 'capture', enabled: true });
    await new Promise((r) => setTimeout(r, 10));
    const q = new Float32Array(128).fill(0.5);
    for (let i = 0; i < 60; i++) {
      p.process([[q]], [], {});
      if (i % 4 === 3) await new Promise((r) => setTimeout(r, 0));
    }
    await done;
    expect(received.length).toBeGreaterThanOrEqual(6);
    expect(received[5]![100]).toBe(16384);
  });

  it('stop ends processing so the node can be collected', () => {
    const port = recordingPort();
    const p = createProcessor(MicProcessor, { sampleRate: 48000, port });
    send(p.port, { type: 'stop' });
    expect(p.process([[new Float32Array(128)]], [], {})).toBe(false);
  });
});
