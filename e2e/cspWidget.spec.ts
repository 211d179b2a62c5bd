import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import { createClientSecretHandler, toNodeListener } from '../src/server';
import { startRealtimeEmulator } from '../src/testing';

// The widget under `script-src 'self'` (and default-src 'self', so no inline styles either): an app built by
// Vite from a fresh build of the package renders <VoiceAgent/>, served by a plain Node server with the policy.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const workDir = path.join(repoRoot, 'test-results', 'csp-widget');
const pkgDir = path.join(workDir, 'pkg');
const appDir = path.join(workDir, 'app');
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.map': 'application/json',
};

let emulator: Awaited<ReturnType<typeof startRealtimeEmulator>>;
let server: http.Server;
let origin = '';
let policy = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const noDts = process.env.TALKWIRE_NO_DTS;
  process.env.TALKWIRE_NO_DTS = '1';
  try {
    await build({ root: repoRoot, configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: pkgDir, emptyOutDir: true } });
  } finally {
    if (noDts === undefined) delete process.env.TALKWIRE_NO_DTS;
    else process.env.TALKWIRE_NO_DTS = noDts;
  }
  await build({
    configFile: false,
    root: path.join(repoRoot, 'e2e', 'csp-widget'),
    logLevel: 'warn',
    publicDir: false,
    resolve: {
      alias: [
        { find: /^talkwire\/core$/, replacement: path.join(pkgDir, 'core.js') },
        { find: /^talkwire\/styles\.css$/, replacement: path.join(pkgDir, 'styles.css') },
        { find: /^talkwire$/, replacement: path.join(pkgDir, 'index.js') },
      ],
    },
    build: { outDir: appDir, emptyOutDir: true, target: 'es2022' },
  });

  emulator = await startRealtimeEmulator();
  const mint = toNodeListener(createClientSecretHandler({ apiKey: 'sk-local-emulator', apiBaseUrl: emulator.apiBaseUrl }));
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    res.setHeader('Content-Security-Policy', policy);
    if (url.pathname === '/api/realtime-session') return void mint(req, res);
    if (url.pathname === '/config.json') {
      res.setHeader('Content-Type', 'application/json');
      return void res.end(JSON.stringify({ apiBaseUrl: emulator.apiBaseUrl }));
    }
    const file = path.join(appDir, path.normalize(url.pathname === '/' ? '/index.html' : url.pathname));
    if (!file.startsWith(appDir + path.sep)) return void res.writeHead(404).end();
    readFile(file).then(
      (body) => {
        res.setHeader('Content-Type', types[path.extname(file)] ?? 'application/octet-stream');
        res.end(body);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  policy = `default-src 'self'; script-src 'self'; connect-src 'self' ${emulator.url}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await emulator?.close();
});

test("<VoiceAgent/> under script-src 'self': a spoken turn, no CSP violation", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const response = await page.goto(`${origin}/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

  const agent = page.locator('[data-talkwire="voice-agent"]');
  await page.locator('[data-talkwire="talk-button"]').click();
  await expect(agent).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
  await expect(page.locator('[role="log"] [data-role="assistant"]').first()).toBeVisible({ timeout: 30_000 });
  // The stylesheet applied (a same-origin <link>), and the level variables are set through the CSSOM.
  expect(await agent.evaluate((el) => getComputedStyle(el).getPropertyValue('--talkwire-input-level') !== '')).toBe(true);

  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  expect(pageErrors).toEqual([]);
  await page.locator('[data-talkwire="talk-button"]').click();
  await expect(agent).toHaveAttribute('data-status', 'closed');
});
