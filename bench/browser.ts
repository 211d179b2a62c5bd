/**
 * Browser benchmarks in real headless Chromium (the same flags as the browser tests) against the local
 * emulator: connect latency (bare WebRTC floor, agents-realtime, talkwire; alternating, median) with and
 * without 150 ms added to the key fetch and getUserMedia, then connect/disconnect cycles for leaks and heap.
 */
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { createServer } from 'vite';
import { chromiumArgs } from '../scripts/chromiumArgs.mjs';
import { findChromium } from '../scripts/chromium.mjs';
import { repoRoot } from './bundleSizes.js';

export type Contender = 'bare' | 'agents' | 'talkwire';

export interface LatencyResult {
  delayMs: number;
  runs: number;
  median: Record<Contender, number>;
  samples: Record<Contender, number[]>;
}

export interface LeakResult {
  cycles: number;
  liveTracks: number;
  openPeers: number;
  openContexts: number;
  heapStartBytes: number;
  heapEndBytes: number;
}

export interface BrowserResult {
  chromiumVersion: string;
  latency: LatencyResult[];
  leaks: LeakResult;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Opens the page, and again if Vite reloads it after optimising a dependency on first load. */
async function openBenchPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage();
  for (let attempt = 0; ; attempt++) {
    try {
      await page.goto(`${url}latency.html`);
      await page.waitForFunction(() => 'bench' in window, undefined, { timeout: 60_000 });
      await page.waitForTimeout(500);
      await page.evaluate(() => (window as any).bench.init());
      return page;
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

export async function measureBrowser(options: { runs?: number; cycles?: number; delays?: number[] } = {}): Promise<BrowserResult> {
  const runs = options.runs ?? 7;
  const server = await createServer({
    configFile: path.join(repoRoot, 'bench/vite.config.ts'),
    server: { port: Number(process.env.TALKWIRE_BENCH_PORT ?? 5184), host: '127.0.0.1' },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5184/';
  const executablePath = findChromium();
  const browser = await chromium.launch({
    headless: true,
    ...(executablePath ? { executablePath } : {}),
    args: chromiumArgs(path.join(repoRoot, 'e2e/fixtures/speech.wav')),
  });
  try {
    const page = await openBenchPage(browser, url);

    const latency: LatencyResult[] = [];
    const order: Contender[] = ['bare', 'agents', 'talkwire'];
    for (const delayMs of options.delays ?? [0, 150]) {
      const samples: Record<Contender, number[]> = { bare: [], agents: [], talkwire: [] };
      // One untimed round warms up the page, the emulator and the caches.
      for (let round = -1; round < runs; round++) {
        // Rotate the order each round so no contender always runs first.
        for (let k = 0; k < order.length; k++) {
          const who = order[(round + 1 + k) % order.length]!;
          const ms = await page.evaluate(([w, d]) => (window as any).bench[w](d) as Promise<number>, [who, delayMs] as const);
          if (round >= 0) samples[who].push(ms);
        }
      }
      latency.push({
        delayMs,
        runs,
        samples,
        median: { bare: median(samples.bare), agents: median(samples.agents), talkwire: median(samples.talkwire) },
      });
    }

    const cycles = options.cycles ?? 50;
    const leakPage = await openBenchPage(browser, url);
    await leakPage.evaluate(() => (window as any).bench.cycles(3));
    const heapStartBytes = await heapAfterGc(leakPage);
    const counts = await leakPage.evaluate((n) => (window as any).bench.cycles(n), cycles);
    const heapEndBytes = await heapAfterGc(leakPage);
    return { chromiumVersion: browser.version(), latency, leaks: { ...counts, heapStartBytes, heapEndBytes } };
  } finally {
    await browser.close();
    await server.close();
  }
}
