/**
 * What every Chromium bench starts with: a Vite server for its pages on 127.0.0.1 (with the emulator behind it)
 * and headless Chromium with the browser tests' flags, its fake microphone looping the committed speech.
 */
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { createServer } from 'vite';
import { chromiumArgs } from '../scripts/chromiumArgs.mjs';
import { findChromium } from '../scripts/chromium.mjs';
import { repoRoot } from './bundleSizes.js';

export interface BenchChromium {
  browser: Browser;
  /** The page server's root URL. */
  url: string;
  /** Closes the browser, then the server. */
  close: () => Promise<void>;
}

/**
 * `pages`: the bench's own pages (bench/vite.config.ts) or the browser tests' (e2e/vite.config.ts).
 * TALKWIRE_BENCH_PORT overrides `port`; a taken port moves on to the next free one.
 */
export async function openBenchChromium(pages: 'bench' | 'e2e', port: number): Promise<BenchChromium> {
  const server = await createServer({
    configFile: path.join(repoRoot, `${pages}/vite.config.ts`),
    server: { port: Number(process.env.TALKWIRE_BENCH_PORT ?? port), strictPort: false, host: '127.0.0.1' },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
  const executablePath = findChromium();
  try {
    const browser = await chromium.launch({
      headless: true,
      ...(executablePath ? { executablePath } : {}),
      args: chromiumArgs(path.join(repoRoot, 'e2e/fixtures/speech.wav')),
    });
    return {
      browser,
      url,
      close: async () => {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await server.close();
    throw error;
  }
}
