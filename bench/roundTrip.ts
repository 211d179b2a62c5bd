/**
 * `npm run bench -- --only=roundtrip`: what talkwire adds to the round trip. Voice-to-voice (the user stops ->
 * the agent is audible) through talkwire and through a bare script (a plain RTCPeerConnection, a plain WebSocket
 * page), on the same emulator with the same configuration, in headless Chromium with the fake microphone looping
 * a recording of speech; the same instrument times all four (see bench/pages/roundtrip.ts). Also the main-thread
 * cost of the call metrics' stats sampling, per minute at its default rate (one reading every 2 s).
 *
 * Prints one line per figure. TALKWIRE_BENCH_PORT sets the page server's port (default 5186),
 * TALKWIRE_BENCH_TURNS the turns per contender (default 6; the first is left out as a warm-up),
 * TALKWIRE_BENCH_MODES some of the contenders (comma-separated, e.g. `bare-websocket,talkwire-websocket`).
 */
import { openBenchChromium } from './benchChromium.js';
import type { Mode, RoundTripResult } from './pages/roundtrip.js';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const turnCount = Number(process.env.TALKWIRE_BENCH_TURNS ?? 6);
const waitMs = Number(process.env.TALKWIRE_BENCH_WAIT_MS ?? 90_000);

const { browser, url, close } = await openBenchChromium('bench', 5186);

const results = new Map<Mode, RoundTripResult>();
try {
  // Bare and talkwire alternate per transport, each in a fresh page, so a slow minute hits both alike.
  const only = process.env.TALKWIRE_BENCH_MODES?.split(',');
  for (const mode of ['bare-webrtc', 'talkwire-webrtc', 'bare-websocket', 'talkwire-websocket'] as const) {
    if (only && !only.includes(mode)) continue;
    const page = await browser.newPage();
    await page.goto(new URL('roundtrip.html', url).toString());
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    const result = await page.evaluate(([m, n, wait]) => window.roundTrip.run(m, n, wait), [
      mode,
      turnCount,
      waitMs,
    ] as const);
    console.error(
      `[roundtrip] ${mode}: ${result.turns.map((t) => t.toFixed(0)).join(', ')} ms (speech ends ${result.seen.stops}, output rises ${result.seen.rises})`,
    );
    results.set(mode, result);
    await page.close();
  }
} finally {
  await close();
}

const figure = (mode: Mode) => {
  const turns = results.get(mode)!.turns.slice(1);
  if (turns.length === 0) throw new Error(`${mode}: no turn was timed; is the emulator answering with audio?`);
  return { median: median(turns), turns };
};
console.log(`Chromium ${browser.version()}; ${turnCount - 1} turns per contender after one warm-up turn, medians`);
for (const transport of ['webrtc', 'websocket'] as const) {
  if (!results.has(`bare-${transport}`) || !results.has(`talkwire-${transport}`)) continue;
  const bare = figure(`bare-${transport}`);
  const ours = figure(`talkwire-${transport}`);
  const added = ours.median - bare.median;
  const goal = transport === 'webrtc' ? 10 : 30;
  console.log(
    `${transport === 'webrtc' ? 'WebRTC' : 'WebSocket'} voice-to-voice: bare script ${bare.median.toFixed(0)} ms (${bare.turns.map((t) => t.toFixed(0)).join(', ')}), talkwire ${ours.median.toFixed(0)} ms (${ours.turns.map((t) => t.toFixed(0)).join(', ')}): talkwire adds ${added.toFixed(0)} ms (goal under ${goal} ms: ${added < goal ? 'met' : 'NOT met'})`,
  );
}
for (const transport of ['webrtc', 'websocket'] as const) {
  if (!results.has(`talkwire-${transport}`)) continue;
  const readMs = results.get(`talkwire-${transport}`)!.statsReadMs!;
  console.log(
    `${transport === 'webrtc' ? 'WebRTC' : 'WebSocket'} stats sampling on the main thread: ${readMs.toFixed(3)} ms a reading, ${(readMs * 30).toFixed(2)} ms a minute at one reading every 2 s`,
  );
}
