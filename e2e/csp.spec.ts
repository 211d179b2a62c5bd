import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'vite';
import { createClientSecretHandler, toNodeListener } from '../src/server';
import { startRealtimeEmulator } from '../src/testing';

// An app as a user builds it: Vite bundles a fresh build of the package (dist layout, the worklet as a real
// file next to the code), and a plain Node server sends it with a strict Content-Security-Policy.
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// Inside the repo (ignored by git) so that the package's external imports (zustand) resolve from node_modules.
const workDir = path.join(repoRoot, 'test-results', 'csp');
const pkgDir = path.join(workDir, 'pkg');
const appDir = path.join(workDir, 'app');

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.css': 'text/css',
};

let emulator: Awaited<ReturnType<typeof startRealtimeEmulator>>;
let server: http.Server;
let origin = '';
let policy = '';
const served: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const started = performance.now();
  // The package build without declarations (tsc is slow and the app needs only the JavaScript).
  const noDts = process.env.TALKWIRE_NO_DTS;
  process.env.TALKWIRE_NO_DTS = '1';
  try {
    await build({ root: repoRoot, configFile: path.join(repoRoot, 'vite.config.ts'), logLevel: 'warn', build: { outDir: pkgDir, emptyOutDir: true } });
  } finally {
    if (noDts === undefined) delete process.env.TALKWIRE_NO_DTS;
    else process.env.TALKWIRE_NO_DTS = noDts;
  }
  const packaged = performance.now();
  await build({
    configFile: false,
    root: path.join(repoRoot, 'e2e', 'csp-app'),
    logLevel: 'warn',
    publicDir: false,
    resolve: { alias: [{ find: /^talkwire\/core$/, replacement: path.join(pkgDir, 'core.js') }] },
    build: { outDir: appDir, emptyOutDir: true, target: 'es2022' },
  });
  console.log(`package build ${((packaged - started) / 1000).toFixed(1)} s, app build ${((performance.now() - packaged) / 1000).toFixed(1)} s`);

  emulator = await startRealtimeEmulator();
  const mint = toNodeListener(createClientSecretHandler({ apiKey: 'sk-local-emulator', apiBaseUrl: emulator.apiBaseUrl }));
  // What this app needs and nothing more: its own scripts (the worklet module is a script too), fetches to its
  // own origin (key, config) and to the Realtime API, here the emulator (the SDP offer). The call's audio is
  // a MediaStream set as srcObject, not a URL, so media-src needs nothing beyond the default.
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    served.push(`${req.method} ${url.pathname}`);
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

test("a page served with script-src 'self' meters the mic through the packaged worklet", async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const response = await page.goto(`${origin}/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.waitForSelector('body[data-ready="true"]');

  expect(await page.evaluate(() => window.app.connect())).toBeNull();
  await expect.poll(() => page.evaluate(() => window.app.observed().maxInputLevel), { timeout: 10_000 }).toBeGreaterThan(0.01);

  const observed = await page.evaluate(() => window.app.observed());
  console.log(`under CSP: input level max ${observed.maxInputLevel.toFixed(3)}, worklet ${observed.workletLoads[0]?.url}`);
  // The worklet came from the app's own origin as a file (not a data: or blob: URL) and loaded.
  expect(observed.workletLoads).toEqual([{ url: expect.stringMatching(new RegExp(`^${origin}/assets/micProcessor-[\\w-]+\\.js$`)), ok: true, error: null }]);
  expect(served).toContainEqual(expect.stringMatching(/^GET \/assets\/micProcessor-[\w-]+\.js$/));
  expect(observed.violations).toEqual([]);
  expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
  await page.evaluate(() => window.app.disconnect());
});
