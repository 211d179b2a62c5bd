import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { createClientSecretHandler, toNodeListener } from '../../src/entries/server';
import { startRealtimeEmulator } from '../../src/entries/testing';

// An app as a user builds it: Vite bundles a fresh build of the package (dist layout, the worklet as a real
// file next to the code), and a plain Node server sends it with a strict Content-Security-Policy.
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css',
  '.map': 'application/json',
};

export interface BuiltCspApp {
  appDir: string;
  packageMs: number;
  appMs: number;
}

/**
 * Builds the package (JavaScript only: tsc is slow and the app needs no declarations) into
 * test-results/<workName>/pkg, then the app in e2e/<app> into test-results/<workName>/app, with each bare import
 * in `imports` (e.g. `talkwire/core`) resolved to that file of the package build (e.g. `core.js`).
 */
export async function buildCspApp(
  app: string,
  workName: string,
  imports: Record<string, string>,
): Promise<BuiltCspApp> {
  // Inside the repo (ignored by git) so that the package's external imports (zustand) resolve from node_modules.
  const workDir = path.join(repoRoot, 'test-results', workName);
  const pkgDir = path.join(workDir, 'pkg');
  const appDir = path.join(workDir, 'app');
  const started = performance.now();
  // Vite's build() sets NODE_ENV=production in this process; a later spec in the same worker would inherit it
  // (npm then skips devDependencies), so the environment is put back as it was.
  const saved = { TALKWIRE_NO_DTS: process.env.TALKWIRE_NO_DTS, NODE_ENV: process.env.NODE_ENV };
  process.env.TALKWIRE_NO_DTS = '1';
  let packaged: number;
  try {
    await build({
      root: repoRoot,
      configFile: path.join(repoRoot, 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: pkgDir, emptyOutDir: true },
    });
    delete process.env.TALKWIRE_NO_DTS;
    packaged = performance.now();
    await build({
      configFile: false,
      root: path.join(repoRoot, 'e2e', app),
      logLevel: 'warn',
      publicDir: false,
      resolve: {
        alias: Object.entries(imports).map(([specifier, file]) => ({
          find: new RegExp(`^${specifier.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`),
          replacement: path.join(pkgDir, file),
        })),
      },
      build: { outDir: appDir, emptyOutDir: true, target: 'es2022' },
    });
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
  return { appDir, packageMs: packaged - started, appMs: performance.now() - packaged };
}

export interface CspServer {
  origin: string;
  policy: string;
  /** `METHOD /path` of every request, in order. */
  served: string[];
  close(): Promise<void>;
}

/**
 * Serves `appDir` on 127.0.0.1 with a strict policy, with key minting against a fresh emulator at
 * /api/realtime-session and the emulator's API base URL at /config.json.
 */
export async function serveWithCsp(appDir: string): Promise<CspServer> {
  const emulator = await startRealtimeEmulator();
  const mint = toNodeListener(
    createClientSecretHandler({
      apiKey: 'sk-local-emulator',
      apiBaseUrl: emulator.apiBaseUrl,
      authorize: 'public',
      rateLimit: false,
    }),
  );
  // What the apps need and nothing more: their own scripts (the worklet module is a script too), fetches to their
  // own origin (key, config) and to the Realtime API, here the emulator (the SDP offer). The call's audio is
  // a MediaStream set as srcObject, not a URL, so media-src needs nothing beyond the default.
  const policy = `default-src 'self'; script-src 'self'; connect-src 'self' ${emulator.url}`;
  const served: string[] = [];
  const server = http.createServer((req, res) => {
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
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    policy,
    served,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await emulator.close();
    },
  };
}
