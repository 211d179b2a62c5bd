// `npm run soak`: connect/disconnect cycles, then minutes of accelerated turns, in a real headless browser over
// real WebRTC to the local emulator. Reports the page's heap (Chromium: after a forced GC) and what the session
// left behind (live tracks, open peer connections, open audio contexts). Not part of `npm test`: it takes minutes.
//
//   npm run soak -- --cycles 50 --minutes 10 --port 5193
//   npm run soak -- --browser firefox --cycles 50 --minutes 10
//
// Firefox's fake microphone is a continuous tone, which a VAD hears as endless speech: there the mic is muted and
// every turn is typed. Firefox has no heap reading over WebDriver BiDi, so there the figure is the resident memory
// of its page processes, read from /proc without a forced GC. At the end the soaked session is released (a new
// one takes its place) and memory read again: what the call held goes, what stays is the page's.
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { findChromium } from '../scripts/chromium.mjs';
import { launchFirefox } from '../e2e/firefox/launchFirefox.js';
import { contentProcessRss } from './processMemory.js';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
}

const cycles = arg('cycles', 50);
const minutes = arg('minutes', 10);
const port = arg('port', Number(process.env.TALKWIRE_SOAK_PORT ?? process.env.TALKWIRE_E2E_PORT ?? 5193));
const browserIndex = process.argv.indexOf('--browser');
const browserName = browserIndex >= 0 ? process.argv[browserIndex + 1] : 'chromium';
const speechWav = fileURLToPath(new URL('../e2e/fixtures/speech.wav', import.meta.url));

const MB = 1024 * 1024;

/** What the soak needs from a browser: run code in the page, read its heap where the browser can. */
interface SoakPage {
  evaluate<R>(fn: () => R | Promise<R>): Promise<R>;
  /** Bytes used (Chromium: the page's JS heap after a forced GC; Firefox: its page processes' resident memory). */
  heap(): Promise<number | null>;
  /** What `heap()` reads, for the report. */
  memoryLabel: string;
  pageErrors: string[];
  close(): Promise<void>;
}

async function openChromium(base: string): Promise<SoakPage> {
  const executablePath = findChromium();
  const browser = await chromium.launch({
    headless: true,
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-audio-capture=${speechWav}`,
      '--autoplay-policy=no-user-gesture-required',
      '--allow-loopback-in-peer-connection',
      '--disable-features=WebRtcHideLocalIpsWithMdns',
    ],
  });
  const page = await browser.newPage({ baseURL: base });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const cdp = await page.context().newCDPSession(page);
  await page.goto('/session.html');
  return {
    evaluate: (fn) => page.evaluate(fn),
    async heap() {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usage.usedSize;
    },
    memoryLabel: 'JS heap after GC',
    pageErrors,
    close: () => browser.close(),
  };
}

async function openFirefox(base: string): Promise<SoakPage> {
  const browser = await launchFirefox();
  const pid = browser.process()?.pid;
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(String((error as Error).message ?? error)));
  await page.goto(`${base}/session.html`);
  return {
    evaluate: (fn) => page.evaluate<[], typeof fn>(fn),
    heap: async () => (pid === undefined ? null : contentProcessRss(pid)),
    memoryLabel: 'page processes resident (no GC)',
    pageErrors,
    close: () => browser.close(),
  };
}

const megabytes = (bytes: number | null) => (bytes === null ? 'n/a' : `${(bytes / MB).toFixed(2)} MB`);

async function main(): Promise<void> {
  const server = await createServer({
    configFile: fileURLToPath(new URL('../e2e/vite.config.ts', import.meta.url)),
    // No HMR: an edit in the tree must not reload the page in the middle of a run.
    server: { port, strictPort: true, host: '127.0.0.1', hmr: false, watch: { ignored: ['**/*'] } },
    logLevel: 'error',
  });
  await server.listen();
  const base = `http://127.0.0.1:${port}`;
  if (browserName !== 'chromium' && browserName !== 'firefox')
    throw new Error(`--browser must be chromium or firefox, not ${browserName}`);
  const config = (await (await fetch(`${base}/api/realtime-config`)).json()) as { emulatorUrl: string };
  await fetch(`${config.emulatorUrl}/__emulator/reset`, { method: 'POST' });
  await fetch(`${config.emulatorUrl}/__emulator/scenario`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ steps: [], fallback: 'Okay {n}.' }),
  });
  const page = browserName === 'firefox' ? await openFirefox(base) : await openChromium(base);
  const pageErrors = page.pageErrors;
  console.log(`soak in ${browserName}; memory figures: ${page.memoryLabel}`);
  await page.evaluate(async () => {
    while (document.body.dataset.ready !== 'true') await new Promise((r) => setTimeout(r, 50));
  });
  await page.evaluate(() => window.harness.create());
  if (browserName === 'firefox') await page.evaluate(() => window.harness.setMuted(true));

  const heapStart = await page.heap();
  console.log(`heap at start: ${megabytes(heapStart)}`);

  // 1. Connect/disconnect cycles.
  const cycleStarted = Date.now();
  let cycleFailures = 0;
  for (let i = 0; i < cycles; i++) {
    const failure = await page.evaluate(() => window.harness.connect());
    if (failure) cycleFailures++;
    await page.evaluate(() => window.harness.disconnect());
  }
  const afterCycles = await page.heap();
  const leftAfterCycles = await page.evaluate(() => window.harness.leftovers());
  console.log(
    `${cycles} cycles in ${((Date.now() - cycleStarted) / 1000).toFixed(1)} s, ${cycleFailures} failed; heap ${megabytes(afterCycles)}; ` +
      `left: ${JSON.stringify(leftAfterCycles)}`,
  );

  // 2. Soak: one call, text turns back to back while the fake mic keeps talking (voice turns and barge-ins; in
  // Firefox the mic is muted).
  const failure = await page.evaluate(() => window.harness.connect());
  if (failure) throw new Error(`soak connect failed: ${failure}`);
  const soakEnd = Date.now() + minutes * 60_000;
  let turns = 0;
  let nextReport = Date.now() + 60_000;
  const samples: string[] = [];
  while (Date.now() < soakEnd) {
    await page.evaluate(async () => {
      const h = window.harness;
      const before = h.observed().serverEvents.filter((t) => t === 'response.done').length;
      try {
        if (h.state().agentState !== 'thinking') h.interrupt();
        h.sendText('Short answer please.');
      } catch {
        return;
      }
      const deadline = performance.now() + 10_000;
      while (
        performance.now() < deadline &&
        h.observed().serverEvents.filter((t) => t === 'response.done').length === before
      ) {
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    turns++;
    // The harness keeps every event type name; trim it so the page's own bookkeeping is not measured.
    await page.evaluate(() => {
      const o = window.harness.observed();
      if (o.serverEvents.length > 20_000) o.serverEvents.splice(0, o.serverEvents.length - 1000);
      if (o.clientEvents.length > 20_000) o.clientEvents.splice(0, o.clientEvents.length - 1000);
    });
    if (Date.now() >= nextReport) {
      nextReport += 60_000;
      const h = await page.heap();
      const items = (await page.evaluate(() => window.harness.transcript())).length;
      const line = `t+${Math.round((Date.now() - (soakEnd - minutes * 60_000)) / 60_000)} min: ${turns} turns, ${items} transcript entries, heap ${megabytes(h)}, status ${(await page.evaluate(() => window.harness.state())).status}`;
      samples.push(line);
      console.log(line);
    }
  }
  const items = (await page.evaluate(() => window.harness.transcript())).length;
  const state = await page.evaluate(() => window.harness.state());
  const heapBeforeHangup = await page.heap();
  await page.evaluate(() => window.harness.disconnect());
  const heapEnd = await page.heap();
  const leftEnd = await page.evaluate(() => window.harness.leftovers());
  const unhandled = (await page.evaluate(() => window.harness.observed().unhandledRejections)).length;
  const errors = await page.evaluate(() => window.harness.observed().errors.map((e) => e.code));
  const counts: Record<string, number> = {};
  for (const code of errors) counts[code] = (counts[code] ?? 0) + 1;
  console.log(
    `soak: ${minutes} min, ${turns} text turns, ${items} transcript entries, status before hang-up ${state.status}; ` +
      `heap before hang-up ${megabytes(heapBeforeHangup)}, after ${megabytes(heapEnd)}`,
  );
  console.log(`errors by code during the soak: ${JSON.stringify(counts)}`);
  console.log(`left at the end: ${JSON.stringify(leftEnd)}`);
  console.log(`page errors: ${pageErrors.length}, unhandled rejections: ${unhandled}`);
  // A new session in place of the soaked one: what the call's conversation held must go with it.
  await page.evaluate(() => window.harness.create());
  const heapReleased = await page.heap();
  console.log(
    `memory: start ${megabytes(heapStart)}, after ${cycles} cycles ${megabytes(afterCycles)}, before hang-up ${megabytes(heapBeforeHangup)}, ` +
      `after hang-up ${megabytes(heapEnd)}, soaked session released ${megabytes(heapReleased)}`,
  );

  await page.close();
  await server.close();
  const leaked =
    leftEnd.liveTracks +
    leftEnd.openPeers +
    leftEnd.openContexts +
    leftAfterCycles.liveTracks +
    leftAfterCycles.openPeers +
    leftAfterCycles.openContexts;
  if (leaked > 0 || pageErrors.length > 0 || unhandled > 0 || cycleFailures > 0) {
    console.log('soak: FAILED (leftovers, page errors, unhandled rejections or failed cycles)');
    process.exitCode = 1;
  } else {
    console.log('soak: ok');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
