/**
 * `npm run bench:websocket`: the WebSocket transport's audio figures.
 *
 * In Node: bytes on the wire per second of captured speech (the `input_audio_buffer.append` events the uplink
 * sends, plus WebSocket framing), and the audio-thread CPU of the shipped worklets per second of audio (mic
 * capture at 48 kHz -> 24 kHz PCM16, and the PCM player at 48 kHz), run in the Node worklet scope.
 * In headless Chromium: the player's first delta -> first sample latency (a short reply whose first delta is
 * all of it, and a 50 ms first delta of a longer reply, which waits the start delay), underruns over a 60 s
 * real-time stream of speech-like audio, a shorter one with the main thread blocked 45 ms every 3 s (a busy page),
 * and one of a constant tone (no pauses to build a margin in), and clear()'s reported position against the frames
 * a tap behind the player saw.
 *
 * TALKWIRE_BENCH_PORT sets the page server's port (default 5185); TALKWIRE_BENCH_STREAM_S the speech stream's
 * length (default 60), TALKWIRE_BENCH_STALL_S the stalled one's (default 30), TALKWIRE_BENCH_TONE_S the tone
 * stream's (default 20).
 */
import { performance } from 'node:perf_hooks';
import {
  createProcessor,
  fillSine,
  loadMicProcessor,
  loadPcmPlayerProcessor,
  type PortLike,
} from '../test/support/workletScope.js';
import { createPcmUplink } from '../src/transport/websocket/createPcmUplink.js';
import type { ClearResult, LatencyResult, SteadyResult } from '../e2e/pages/pcm-player.js';
import { openBenchChromium } from './benchChromium.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const QUANTUM = 128;

function wireBytesPerSecond(): { payload: number; framed: number; appendsPerSecond: number } {
  let payload = 0;
  let framed = 0;
  let appends = 0;
  const uplink = createPcmUplink({
    send: (event) => {
      const bytes = Buffer.byteLength(JSON.stringify(event));
      payload += bytes;
      // A masked client text frame: 2 header bytes, 2 (<64 KiB) or 8 bytes of length, 4 of mask.
      framed += bytes + 2 + (bytes > 125 ? (bytes > 65535 ? 8 : 2) : 0) + 4;
      appends++;
    },
    bufferedAmount: () => 0,
  });
  const seconds = 10;
  const chunk = new Int16Array(1200);
  for (let i = 0; i < seconds * 20; i++) {
    for (let j = 0; j < chunk.length; j++)
      chunk[j] = Math.round(8000 * Math.sin((i * 1200 + j) * 0.05) + (Math.random() - 0.5) * 2000);
    uplink.push(chunk);
  }
  return { payload: payload / seconds, framed: framed / seconds, appendsPerSecond: appends / seconds };
}

async function workletCpu(): Promise<{ captureUsPerSecond: number; playerUsPerSecond: number }> {
  const sampleRate = 48000;
  const seconds = 60;
  const quanta = Math.ceil((seconds * sampleRate) / QUANTUM);
  const posted: unknown[] = [];
  const recycle: PortLike = {
    onmessage: null,
    postMessage(message) {
      // Hand capture buffers straight back, as the engine does.
      if (message instanceof Int16Array)
        this.onmessage?.({ data: { type: 'recycle', buffer: message.buffer } } as MessageEvent);
      else posted.push(message);
    },
  };
  const mic = createProcessor(await loadMicProcessor(), { sampleRate, port: recycle });
  recycle.onmessage?.({ data: { type: 'capture', enabled: true } } as MessageEvent);
  const input = new Float32Array(QUANTUM);
  const inputs = [[input]];
  let start = performance.now();
  for (let q = 0; q < quanta; q++) {
    fillSine(input, q * QUANTUM, 220, sampleRate, 0.3);
    mic.process(inputs, [], {});
  }
  const captureUsPerSecond = ((performance.now() - start) * 1000) / seconds;

  const playerPort: PortLike = { onmessage: null, postMessage: () => undefined };
  const player = createProcessor(await loadPcmPlayerProcessor(), {
    sampleRate,
    port: playerPort,
    processorOptions: { capacity: 1 << 21 },
  });
  const pcm = new Int16Array(24000 * seconds);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin(i * 0.1));
  playerPort.onmessage?.({ data: { type: 'push', token: 1, pcm } } as MessageEvent);
  const outputs = [[new Float32Array(QUANTUM)]];
  start = performance.now();
  for (let q = 0; q < quanta; q++) player.process([], outputs, {});
  const playerUsPerSecond = ((performance.now() - start) * 1000) / seconds;
  return { captureUsPerSecond, playerUsPerSecond };
}

async function browserFigures(streamSeconds: number, stallSeconds: number, toneSeconds: number) {
  const { browser, url, close } = await openBenchChromium('e2e', 5185);
  try {
    const page = await browser.newPage();
    await page.goto(new URL('pcm-player.html', url).toString());
    await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
    const sampleRate = await page.evaluate(() => window.playerLab.setup());
    const latency: LatencyResult = await page.evaluate(() => window.playerLab.firstSampleLatency(21));
    const streamStart: LatencyResult = await page.evaluate(() => window.playerLab.firstSampleLatency(21, 50, false));
    const clears: ClearResult[] = [];
    for (const ms of [250, 500, 1000])
      clears.push(await page.evaluate((wait) => window.playerLab.clearMidStream(`clear_${wait}`, wait), ms));
    const steady: SteadyResult[] = [];
    steady.push(await page.evaluate((s) => window.playerLab.steadyStream(s, 'speech'), streamSeconds));
    if (stallSeconds > 0)
      steady.push(await page.evaluate((s) => window.playerLab.steadyStream(s, 'speech', 45), stallSeconds));
    if (toneSeconds > 0) steady.push(await page.evaluate((s) => window.playerLab.steadyStream(s, 'tone'), toneSeconds));
    await page.evaluate(() => window.playerLab.close());
    return { chromium: browser.version(), sampleRate, latency, streamStart, clears, steady };
  } finally {
    await close();
  }
}

const wire = wireBytesPerSecond();
console.log(
  `capture on the wire: ${wire.appendsPerSecond} appends/s, ${Math.round(wire.payload)} B/s of JSON (48,000 B/s PCM16 as base64 is 64,000), ${Math.round(wire.framed)} B/s with WebSocket framing`,
);
const cpu = await workletCpu();
console.log(
  `worklet CPU per second of audio (Node, 48 kHz): mic capture ${cpu.captureUsPerSecond.toFixed(0)} µs, PCM player ${cpu.playerUsPerSecond.toFixed(0)} µs`,
);
const streamSeconds = Number(process.env.TALKWIRE_BENCH_STREAM_S ?? 60);
const stallSeconds = Number(process.env.TALKWIRE_BENCH_STALL_S ?? 30);
const toneSeconds = Number(process.env.TALKWIRE_BENCH_TONE_S ?? 20);
const b = await browserFigures(streamSeconds, stallSeconds, toneSeconds);
console.log(`Chromium ${b.chromium}, AudioContext at ${b.sampleRate} Hz`);
console.log(
  `player first delta -> first sample, a 100 ms reply (21 runs, median): rendered ${median(b.latency.renderMs).toFixed(1)} ms, report back on the main thread ${median(b.latency.messageMs).toFixed(1)} ms, at the output device ${median(b.latency.outputMs).toFixed(1)} ms`,
);
console.log(
  `player first delta -> first sample, a 50 ms first delta of a longer reply (21 runs, median): rendered ${median(b.streamStart.renderMs).toFixed(1)} ms, report back on the main thread ${median(b.streamStart.messageMs).toFixed(1)} ms, at the output device ${median(b.streamStart.outputMs).toFixed(1)} ms`,
);
for (const c of b.clears) {
  console.log(
    `clear() after ${(c.reportedSamples / 24).toFixed(0)} ms: reported ${c.reportedSamples} samples, tap saw ${c.tappedSamples.toFixed(2)}, ${c.framesAfterClear} frames after, answered in ${c.clearRoundTripMs.toFixed(2)} ms`,
  );
}
for (const steady of b.steady) {
  console.log(
    `steady ${steady.seconds} s ${steady.pattern === 'speech' ? 'speech-like stream (a 50 ms pause after every 550 ms)' : 'constant tone'} of 50 ms deltas in real time${steady.stallMs > 0 ? `, main thread blocked ${steady.stallMs} ms every 3 s` : ''}: ${steady.underruns} underruns, ${steady.overflowSamples} overflow samples; first sample after ${steady.firstSampleMs.toFixed(1)} ms, ${steady.stretchedMs.toFixed(1)} ms of silence added in pauses; ${steady.lateDeltas} deltas pushed over 15 ms late, the latest ${steady.maxTimerLateMs.toFixed(1)} ms`,
  );
}
