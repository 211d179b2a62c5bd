/**
 * `npm run bench:audio`: the mic worklet's `process()` over one minute of 48 kHz audio (22,500 render
 * quanta of 128 frames), with PCM capture off and on. Prints CPU time per quantum and per second of audio,
 * how often it posts to the main thread, and the heap: bytes allocated during the minute (read with no GC
 * in between, so nothing is hidden by a collection) and bytes retained after a full GC.
 *
 * Needs `node --expose-gc` (the npm script passes it).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { createProcessor, fillSine, loadMicProcessor, type PortLike } from '../test/support/workletScope.js';

const RATE = 48000;
const QUANTUM = 128;
const QUANTA = (RATE * 60) / QUANTUM; // 22,500
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('Run with node --expose-gc (npm run bench:audio does).');
  process.exit(1);
}

// One second of a 440 Hz tone (a whole number of periods, so it loops seamlessly), built up front so the
// loop feeds the processor without allocating.
const second: Float32Array[][][] = [];
for (let i = 0; i < RATE / QUANTUM; i++) {
  const q = new Float32Array(QUANTUM);
  fillSine(q, i * QUANTUM, 440, RATE, 0.5);
  second.push([[q]]);
}
const outputs: Float32Array[][] = [];
const params: Record<string, Float32Array> = {};

/**
 * Stands in for the node's MessagePort: counts posts and, like the engine's main thread, hands each capture
 * buffer straight back (`recycle`), reusing one event object so the port itself allocates nothing.
 */
function countingPort() {
  const recycle = { type: 'recycle' as const, buffer: new ArrayBuffer(0) };
  const event = { data: recycle } as MessageEvent;
  const port = {
    levels: 0,
    chunks: 0,
    samples: 0,
    onmessage: null as ((event: MessageEvent) => void) | null,
    postMessage(message: unknown) {
      if (message instanceof Int16Array) {
        port.chunks++;
        port.samples += message.length;
        recycle.buffer = message.buffer as ArrayBuffer;
        port.onmessage?.(event);
      } else port.levels++;
    },
  };
  return port satisfies PortLike;
}

type Processor = ReturnType<typeof createProcessor>;

/** The measured loop: a plain function, compiled during warm-up, so no compilation lands in the minute. */
function feed(processor: Processor, quanta: number): void {
  const n = second.length;
  for (let i = 0; i < quanta; i++) processor.process(second[i % n]!, outputs, params);
}

let gcCount = 0;
new PerformanceObserver((list) => {
  gcCount += list.getEntries().length;
}).observe({ entryTypes: ['gc'] });
const flushObservers = () => new Promise((r) => setTimeout(r, 20));

/** Heap read around a run of zero quanta: what the measurement itself costs. */
async function measurementFloor(processor: Processor): Promise<number> {
  gc!();
  gc!();
  const before = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  feed(processor, 0);
  void (process.hrtime.bigint() - start);
  return process.memoryUsage().heapUsed - before;
}

let floor = 0;

async function run(capture: boolean) {
  const MicProcessor = await loadMicProcessor();
  const port = countingPort();
  const processor = createProcessor(MicProcessor, { sampleRate: RATE, port });
  if (capture) port.onmessage?.({ data: { type: 'capture', enabled: true } } as MessageEvent);
  // Warm up so the JIT has compiled process() and the loop before measuring. Optimised code is built on a
  // background thread: give it time to land, or its installation shows up as heap growth mid-run.
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 20; i++) feed(processor, second.length);
    await new Promise((r) => setTimeout(r, 100));
  }
  port.levels = port.chunks = port.samples = 0;
  floor = await measurementFloor(processor);

  gc!();
  gc!();
  await flushObservers();
  const gcBefore = gcCount;
  const heapBefore = process.memoryUsage().heapUsed;
  const start = process.hrtime.bigint();
  feed(processor, QUANTA);
  const ns = Number(process.hrtime.bigint() - start);
  const heapAfterRun = process.memoryUsage().heapUsed;
  await flushObservers();
  const gcsDuringRun = gcCount - gcBefore;
  gc!();
  gc!();
  const heapAfterGc = process.memoryUsage().heapUsed;
  return {
    capture,
    nsPerQuantum: ns / QUANTA,
    usPerAudioSecond: ns / 1000 / 60,
    levelPosts: port.levels,
    chunks: port.chunks,
    samples: port.samples,
    allocated: heapAfterRun - heapBefore,
    gcsDuringRun,
    retained: heapAfterGc - heapBefore,
  };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

console.log(
  `mic worklet process(): 60 s of ${RATE / 1000} kHz audio = ${fmt(QUANTA)} quanta of ${QUANTUM} frames (budget ${fmt((QUANTUM / RATE) * 1e9)} ns each)\n`,
);
const results = [];
for (const capture of [false, true, false, true]) results.push(await run(capture));
// The first pair warms the process (module load, inline caches); report the second.
for (const r of results.slice(2)) {
  console.log(`capture ${r.capture ? 'on ' : 'off'}:`);
  console.log(
    `  CPU          ${fmt(r.nsPerQuantum)} ns per quantum, ${fmt(r.usPerAudioSecond)} µs per second of audio (${fmt(r.usPerAudioSecond / 10000, 3)}% of one core)`,
  );
  console.log(
    `  posts        ${fmt(r.levelPosts)} level messages (${fmt(r.levelPosts / 60, 1)}/s)` +
      (r.capture
        ? `, ${fmt(r.chunks)} PCM chunks, ${fmt(r.samples)} samples at 24 kHz (${fmt(r.samples / 60)}/s)`
        : ''),
  );
  console.log(
    `  heap         ${fmt(r.allocated)} B allocated during the minute (${r.gcsDuringRun} GCs ran), ${fmt(Math.max(0, r.retained))} B retained after GC`,
  );
}
console.log(`\n(measurement floor: ${fmt(floor)} B, the heap read around a run of zero quanta)`);
const off = results[2]!;
const on = results[3]!;
const ok = off.levelPosts === 1200 && off.allocated <= floor + 1024 && off.retained < 4096 && on.samples === 1_440_000;
console.log(
  ok
    ? '\nOK: with capture off process() allocates nothing; levels post 20 times a second; capture yields exactly 24,000 samples/s.'
    : '\nUNEXPECTED: see the figures above.',
);
process.exitCode = ok ? 0 : 1;
