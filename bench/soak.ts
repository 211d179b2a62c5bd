// `npm run soak`: connect/disconnect cycles, then minutes of accelerated turns, in real headless Chromium over
// real WebRTC to the local emulator. Reports the page's heap (after a forced GC) and what the session left
// behind (live tracks, open peer connections, open audio contexts). Not part of `npm test`: it takes minutes.
//
//   npm run soak -- --cycles 50 --minutes 10 --port 5193
import { fileURLToPath } from 'node:url';
import { chromium, type CDPSession, type Page } from '@playwright/test';
import { createServer } from 'vite';
import { findChromium } from '../scripts/chromium.mjs';

function arg(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
}

const cycles = arg('cycles', 50);
const minutes = arg('minutes', 10);
const port = arg('port', Number(process.env.TALKWIRE_SOAK_PORT ?? 5193));
const speechWav = fileURLToPath(new URL('../e2e/fixtures/speech.wav', import.meta.url));

const MB = 1024 * 1024;

async function heap(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usage.usedSize;
}

async function leftovers(page: Page) {
  return page.evaluate(() => window.harness.leftovers());
}

async function main(): Promise<void> {
  const server = await createServer({
    configFile: fileURLToPath(new URL('../e2e/vite.config.ts', import.meta.url)),
    // No HMR: an edit in the tree must not reload the page in the middle of a run.
    server: { port, strictPort: true, host: '127.0.0.1', hmr: false, watch: { ignored: ['**/*'] } },
    logLevel: 'error',
  });
  await server.listen();
  const base = `http://127.0.0.1:${port}`;
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
  const config = (await (await fetch(`${base}/api/realtime-config`)).json()) as { emulatorUrl: string };
  await fetch(`${config.emulatorUrl}/__emulator/reset`, { method: 'POST' });
  await fetch(`${config.emulatorUrl}/__emulator/scenario`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ steps: [], fallback: 'Okay {n}.' }),
  });
  await page.goto('/session.html');
  await page.waitForSelector('body[data-ready="true"]');
  await page.evaluate(() => window.harness.create());

  const heapStart = await heap(cdp);
  console.log(`heap at start: ${(heapStart / MB).toFixed(2)} MB`);

  // 1. Connect/disconnect cycles.
  const cycleStarted = Date.now();
  let cycleFailures = 0;
  for (let i = 0; i < cycles; i++) {
    const failure = await page.evaluate(() => window.harness.connect());
    if (failure) cycleFailures++;
    await page.evaluate(() => window.harness.disconnect());
  }
  const afterCycles = await heap(cdp);
  const leftAfterCycles = await leftovers(page);
  console.log(
    `${cycles} cycles in ${((Date.now() - cycleStarted) / 1000).toFixed(1)} s, ${cycleFailures} failed; heap ${(afterCycles / MB).toFixed(2)} MB; ` +
      `left: ${JSON.stringify(leftAfterCycles)}`,
  );

  // 2. Soak: one call, text turns back to back while the fake mic keeps talking (voice turns and barge-ins).
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
      while (performance.now() < deadline && h.observed().serverEvents.filter((t) => t === 'response.done').length === before) {
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
      const h = await heap(cdp);
      const items = (await page.evaluate(() => window.harness.transcript())).length;
      const line = `t+${Math.round((Date.now() - (soakEnd - minutes * 60_000)) / 60_000)} min: ${turns} turns, ${items} transcript entries, heap ${(h / MB).toFixed(2)} MB, status ${(await page.evaluate(() => window.harness.state())).status}`;
      samples.push(line);
      console.log(line);
    }
  }
  const items = (await page.evaluate(() => window.harness.transcript())).length;
  const state = await page.evaluate(() => window.harness.state());
  const heapBeforeHangup = await heap(cdp);
  await page.evaluate(() => window.harness.disconnect());
  const heapEnd = await heap(cdp);
  const leftEnd = await leftovers(page);
  const errors = await page.evaluate(() => window.harness.observed().errors.map((e) => e.code));
  const counts: Record<string, number> = {};
  for (const code of errors) counts[code] = (counts[code] ?? 0) + 1;
  console.log(
    `soak: ${minutes} min, ${turns} text turns, ${items} transcript entries, status before hang-up ${state.status}; ` +
      `heap before hang-up ${(heapBeforeHangup / MB).toFixed(2)} MB, after ${(heapEnd / MB).toFixed(2)} MB`,
  );
  console.log(`errors by code during the soak: ${JSON.stringify(counts)}`);
  console.log(`left at the end: ${JSON.stringify(leftEnd)}`);
  console.log(`page errors: ${pageErrors.length}, unhandled rejections: ${(await page.evaluate(() => window.harness.observed().unhandledRejections)).length}`);

  await browser.close();
  await server.close();
  const leaked = leftEnd.liveTracks + leftEnd.openPeers + leftEnd.openContexts + leftAfterCycles.liveTracks + leftAfterCycles.openPeers + leftAfterCycles.openContexts;
  if (leaked > 0 || pageErrors.length > 0 || cycleFailures > 0) {
    console.log('soak: FAILED (leftovers, page errors or failed cycles)');
    process.exitCode = 1;
  } else {
    console.log('soak: ok');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
