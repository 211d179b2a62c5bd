/**
 * Browser benchmarks in real headless Chromium (the same flags as the browser tests) against the local
 * emulator: connect latency (bare WebRTC floor, agents-realtime, talkwire; alternating, median) with and
 * without 150 ms added to the key fetch and getUserMedia, then connect/disconnect cycles for leaks and heap.
 *
 * Every call into the page has a time limit: a run that does not finish is reported with the page's own trace
 * of its last steps, the page is reopened, and the run is retried once, so a stuck connection can never hang
 * `npm run bench`.
 */
import type { Browser, Page } from '@playwright/test';
import { openBenchChromium } from './benchChromium.js';
import type { BenchApi } from './pages/latency.js';

export type Contender = 'bare' | 'agents' | 'talkwire';
export const CONTENDERS: readonly Contender[] = ['bare', 'agents', 'talkwire'];

interface Sample {
  created: number;
  connected: number;
}

export interface LatencyResult {
  delayMs: number;
  runs: number;
  /** Median ms to `session.created` on the data channel. */
  created: Record<Contender, number>;
  /** Median ms to the contender's own "connected" (agents-realtime: after its session.updated). */
  connected: Record<Contender, number>;
  samples: Record<Contender, Sample[]>;
  /** Runs that failed or timed out and were retried. */
  retries: number;
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
  leaks: LeakResult | null;
}

/** Page-side runs give up after 15 s; this is the runner's own limit on top, for a page that stops answering. */
const CALL_TIMEOUT_MS = 30_000;

const log = (line: string) => process.stderr.write(`[bench:browser] ${line}\n`);
const median = (values: number[]): number => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function withTimeout<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label}: the page gave no answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function printTrace(page: Page): Promise<void> {
  const lines = await withTimeout(
    page.evaluate(() => (window as unknown as { bench: BenchApi }).bench.trace()),
    5_000,
    'trace',
  ).catch(() => ['(page unreachable)']);
  for (const line of lines.slice(-25)) log(`  ${line}`);
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/** Opens the page in a fresh context, and again if Vite reloads it after optimising a dependency on first load. */
async function openBenchPage(browser: Browser, url: string): Promise<Page> {
  for (let attempt = 0; ; attempt++) {
    const page = await browser.newPage();
    page.on('pageerror', (error) => log(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') log(`page ${message.type()}: ${message.text()}`);
    });
    try {
      await page.goto(`${url}latency.html`, { timeout: 60_000 });
      await page.waitForFunction(() => 'bench' in window, undefined, { timeout: 60_000 });
      await withTimeout(
        page.evaluate(() => (window as unknown as { bench: BenchApi }).bench.init()),
        CALL_TIMEOUT_MS,
        'init',
      );
      return page;
    } catch (error) {
      await page.close().catch(() => {});
      if (attempt >= 2) throw error;
      log(`opening the page failed (${(error as Error).message.split('\n')[0]}); trying again`);
    }
  }
}

export async function measureBrowser(
  options: { runs?: number; cycles?: number; delays?: number[]; latency?: boolean; leaks?: boolean } = {},
): Promise<BrowserResult> {
  const runs = options.runs ?? 15;
  const { browser, url, close } = await openBenchChromium('bench', 5184);
  log(`Chromium ${browser.version()}, pages on ${url}`);
  try {
    const latency: LatencyResult[] = [];
    if (options.latency !== false) {
      let page = await openBenchPage(browser, url);
      const runOnce = async (who: Contender, delayMs: number): Promise<Sample> => {
        for (let attempt = 0; ; attempt++) {
          try {
            return await withTimeout(
              page.evaluate(([w, d]) => (window as unknown as { bench: BenchApi }).bench.run(w, d) as Promise<Sample>, [
                who,
                delayMs,
              ] as const),
              CALL_TIMEOUT_MS,
              `${who} (delay ${delayMs} ms)`,
            );
          } catch (error) {
            log(
              `${who} (delay ${delayMs} ms) failed: ${(error as Error).message.split('\n')[0]}; the page's last steps:`,
            );
            await printTrace(page);
            // A fresh page drops whatever the failed run left behind.
            await page.close().catch(() => {});
            page = await openBenchPage(browser, url);
            if (attempt >= 1) throw error;
          }
        }
      };
      for (const delayMs of options.delays ?? [0, 150]) {
        const samples: Record<Contender, Sample[]> = { bare: [], agents: [], talkwire: [] };
        let retries = 0;
        // One untimed round warms up the page, the emulator and the caches.
        for (let round = -1; round < runs; round++) {
          // Rotate the order each round so no contender always runs first.
          const line: string[] = [];
          for (let k = 0; k < CONTENDERS.length; k++) {
            const who = CONTENDERS[(round + 1 + k) % CONTENDERS.length]!;
            let sample: Sample;
            try {
              sample = await runOnce(who, delayMs);
            } catch {
              retries++;
              sample = { created: NaN, connected: NaN };
            }
            if (process.env.TALKWIRE_BENCH_TRACE) await printTrace(page);
            if (round >= 0) samples[who].push(sample);
            line.push(`${who} ${sample.created.toFixed(0)}/${sample.connected.toFixed(0)}`);
          }
          log(
            `delay ${delayMs} ms, ${round < 0 ? 'warm-up' : `round ${round + 1}/${runs}`}: ${line.join(', ')} ms (session.created/connected)`,
          );
        }
        const pick = (key: keyof Sample) =>
          Object.fromEntries(CONTENDERS.map((c) => [c, median(samples[c].map((s) => s[key]))])) as Record<
            Contender,
            number
          >;
        latency.push({ delayMs, runs, samples, retries, created: pick('created'), connected: pick('connected') });
      }
      await page.close();
    }

    let leaks: LeakResult | null = null;
    if (options.leaks !== false) {
      const cycles = options.cycles ?? 50;
      const leakPage = await openBenchPage(browser, url);
      const cyclesIn = async (n: number) => {
        try {
          return await withTimeout(
            leakPage.evaluate((k) => (window as unknown as { bench: BenchApi }).bench.cycles(k), n) as Promise<
              Omit<LeakResult, 'heapStartBytes' | 'heapEndBytes'>
            >,
            CALL_TIMEOUT_MS + n * 2_000,
            `${n} connect/disconnect cycles`,
          );
        } catch (error) {
          log(`${(error as Error).message.split('\n')[0]}; the page's last steps:`);
          await printTrace(leakPage);
          throw error;
        }
      };
      await cyclesIn(3);
      const heapStartBytes = await heapAfterGc(leakPage);
      const started = Date.now();
      const counts = await cyclesIn(cycles);
      const heapEndBytes = await heapAfterGc(leakPage);
      log(
        `${cycles} cycles in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}, heap ${heapStartBytes} -> ${heapEndBytes} B`,
      );
      leaks = { ...counts, heapStartBytes, heapEndBytes };
      await leakPage.close();
    }
    return { chromiumVersion: browser.version(), latency, leaks };
  } finally {
    await close();
  }
}
