// Starts what the Firefox browser tests (and `npm run soak -- --browser firefox`) need: the same Vite pages as
// the Chromium tests, with their emulator, and Debian's firefox-esr driven through WebDriver BiDi.
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { createServer, type ViteDevServer } from 'vite';
import { findFirefox, firefoxPrefs } from '../../scripts/firefox.mjs';

export interface TestPages {
  origin: string;
  emulatorUrl: string;
  close(): Promise<void>;
}

/** Serves e2e/pages on 127.0.0.1 with the local emulator behind `/api/realtime-config`. */
export async function startTestPages(port: number): Promise<TestPages> {
  const server: ViteDevServer = await createServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    server: { port, strictPort: true, host: '127.0.0.1', hmr: false, watch: { ignored: ['**/*'] } },
    logLevel: 'error',
  });
  await server.listen();
  const origin = `http://127.0.0.1:${port}`;
  const config = (await (await fetch(`${origin}/api/realtime-config`)).json()) as { emulatorUrl: string | null };
  if (!config.emulatorUrl) {
    await server.close();
    throw new Error('The Firefox tests need the local emulator; unset OPENAI_API_KEY.');
  }
  return { origin, emulatorUrl: config.emulatorUrl, close: () => server.close() };
}

/** Headless Firefox with a fake microphone and loopback ICE. Throws, saying what to install, when none is found. */
export async function launchFirefox(): Promise<Browser> {
  const executablePath = findFirefox();
  if (!executablePath) {
    throw new Error('No Firefox found: run `node scripts/firefox.mjs` (installs firefox-esr on Debian) or set TALKWIRE_FIREFOX.');
  }
  return puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: firefoxPrefs,
    // Nothing but 127.0.0.1: no update checks, no telemetry.
    env: { ...process.env, MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
  });
}
