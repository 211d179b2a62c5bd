// Renders the README's pictures of <VoiceAgent/> from the real component: the same page and scripted states as
// the screenshot tests (e2e/pages/look.tsx), at twice the pixel density, light and dark.
// Run: node scripts/screenshots.mjs   (writes docs/images/*.png)
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';
import { findChromium } from './chromium.mjs';
import { chromiumArgs } from './chromiumArgs.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const out = `${repo}docs/images`;
const shots = [
  { name: 'voice-agent', shot: { scenario: 'speaking', input: 0.3, output: 0.7 } },
  { name: 'voice-agent-bar', shot: { scenario: 'listening', layout: 'bar', input: 0.5 } },
];

mkdirSync(out, { recursive: true });
const server = await createServer({
  configFile: `${repo}e2e/vite.config.ts`,
  logLevel: 'error',
  server: { host: '127.0.0.1', port: 0 },
});
await server.listen();
const origin = server.resolvedUrls?.local[0] ?? '';
const executablePath = findChromium();
const browser = await chromium.launch({
  ...(executablePath ? { executablePath } : {}),
  args: chromiumArgs(`${repo}e2e/fixtures/speech.wav`),
});
try {
  for (const colorScheme of ['light', 'dark']) {
    const page = await browser.newPage({ viewport: { width: 560, height: 820 }, deviceScaleFactor: 2, colorScheme });
    await page.goto(new URL('look.html', origin).href);
    await page.waitForSelector('body[data-look-ready]');
    // Transparent around the widget, so the pictures sit on any README background.
    await page.addStyleTag({
      content: 'body { background: transparent !important } #stage { min-width: 0 !important }',
    });
    for (const { name, shot } of shots) {
      await page.evaluate((s) => window.look.agent(s), shot);
      await page.waitForFunction(() =>
        [...document.querySelectorAll('canvas[data-talkwire="agent-visualizer"]')].every((c) =>
          c.hasAttribute('data-drawn'),
        ),
      );
      const path = `${out}/${name}-${colorScheme}.png`;
      await page.locator('#stage').screenshot({ path, animations: 'disabled', caret: 'hide', omitBackground: true });
      console.log(`wrote ${path.slice(repo.length)}`);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
