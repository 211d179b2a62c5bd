// What a new user does: build and pack talkwire, install the tarball into a fresh Vite React app, paste the
// README's vite.config.ts and src/App.tsx (read from README.md, so the README itself is what is tested), start
// the app's dev server and talk to it in Chromium. The pasted code must also type-check against the package's
// declarations, as it would in Vite's react-ts template.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { freePort } from '../test/support/localServer';
import { readmeExample } from './support/readmeExample';
import { startDevServer, type DevServer } from './support/startDevServer';
import {
  countOffers,
  emulatorOf,
  holdVoiceTurn,
  recordMicrophone,
  recordWorkletModules,
  workletModules,
} from './support/voiceAgentContract';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
let project = '';
let app: DevServer | null = null;
const timings: Record<string, number> = {};

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[label] = Math.round(performance.now() - started);
  }
}

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  // The tarball is what npm would publish, so dist is rebuilt first (the Playwright run cannot assume it is fresh).
  await timed('build', () => run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { cwd: repoRoot }));
  project = mkdtempSync(join(tmpdir(), 'talkwire-new-app-'));
  const tarball = await timed('pack', async () => {
    const { stdout } = await run('npm', ['pack', '--silent', '--pack-destination', project], { cwd: repoRoot });
    return stdout.trim().split('\n').pop()!;
  });

  const versions = Object.fromEntries(
    ['react', 'react-dom', 'vite', '@vitejs/plugin-react', 'werift', 'opusscript', 'typescript', '@types/react', '@types/react-dom'].map(
      (name) => [name, installedVersion(name)],
    ),
  );
  const { react, 'react-dom': reactDom, ...dev } = versions;
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify(
      {
        name: 'my-voice-app',
        private: true,
        type: 'module',
        dependencies: { talkwire: `file:./${tarball}`, react, 'react-dom': reactDom },
        devDependencies: dev,
      },
      null,
      2,
    ),
  );
  await timed('install', async () => {
    const { stdout, stderr } = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: project });
    // npm can exit 0 having installed less than asked; say so here rather than as a puzzling failure later.
    const missing = Object.keys(versions).filter((name) => !existsSync(join(project, 'node_modules', name, 'package.json')));
    if (missing.length > 0) throw new Error(`npm install left out ${missing.join(', ')}:\n${stdout}\n${stderr}`);
  });

  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'vite.config.ts'), readmeExample('vite.config.ts'));
  writeFileSync(join(project, 'src/App.tsx'), readmeExample('src/App.tsx'));
  writeFileSync(
    join(project, 'src/main.tsx'),
    [
      "import { StrictMode } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import { App } from './App';",
      '',
      "createRoot(document.getElementById('root')!).render(",
      '  <StrictMode>',
      '    <App />',
      '  </StrictMode>,',
      ');',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(project, 'index.html'),
    '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="UTF-8" />\n    <title>My voice app</title>\n  </head>\n  <body>\n    <div id="root"></div>\n    <script type="module" src="/src/main.tsx"></script>\n  </body>\n</html>\n',
  );

  // A TypeScript app type-checks the pasted code against the installed package's declarations (the settings of
  // Vite's react-ts template that matter here).
  writeFileSync(
    join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        lib: ['ES2022', 'DOM', 'DOM.Iterable'],
        module: 'ESNext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        strict: true,
        noEmit: true,
        skipLibCheck: true,
        types: ['vite/client'],
      },
      include: ['src', 'vite.config.ts'],
    }),
  );
  await timed('type check', async () => {
    try {
      await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', '.'], { cwd: project });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`The README's example does not type-check in a new app:\n${stdout || stderr || String(error)}`);
    }
  });

  const port = await freePort();
  app = await timed('dev server', () =>
    startDevServer({
      command: process.execPath,
      args: ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      cwd: project,
      port,
      readyPath: '/api/realtime-config',
      timeoutMs: 60_000,
    }),
  );
});

test.afterAll(async () => {
  await app?.stop();
  if (project) rmSync(project, { recursive: true, force: true });
  console.log(`new user app: ${Object.entries(timings).map(([k, v]) => `${k} ${v} ms`).join(', ')}`);
});

test("the README's example in a fresh Vite React app, installed from the tarball, holds a voice turn", async ({ page }) => {
  test.setTimeout(90_000);
  const origin = app!.origin;
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await recordMicrophone(page);
  const sent = countOffers(page);
  await recordWorkletModules(page);
  const emulator = emulatorOf(page.request, origin);
  // realtimeDevServer() found no OPENAI_API_KEY and started the emulator the page talks to.
  expect(((await (await page.request.get(`${origin}/api/realtime-config`)).json()) as { mode: string }).mode).toBe('emulator');

  await timed('first render', async () => {
    await page.goto(origin);
    await expect(page.locator('[data-talkwire="voice-agent"]')).toHaveCount(1, { timeout: 60_000 });
  });
  // The stylesheet from talkwire/styles.css reached the page.
  const root = page.locator('[data-talkwire="voice-agent"]');
  await expect(root).toHaveCSS('display', 'flex');
  await expect(root).toHaveCSS('border-top-left-radius', '12px');
  await timed('voice turn', () => holdVoiceTurn(page, () => emulator.calls()));
  expect(sent.offers()).toBe(1);
  // The mic worklet ships as its own file beside the bundle: the app's bundler (here Vite's dependency
  // optimizer) must still serve it, or the meter silently falls back to an AnalyserNode.
  const worklets = await workletModules(page);
  expect(worklets).toEqual([{ url: expect.stringMatching(/\/talkwire\/dist\/worklets\/micProcessor\.js$/), result: 'loaded' }]);
  expect(errors, app!.output()).toEqual([]);
});
