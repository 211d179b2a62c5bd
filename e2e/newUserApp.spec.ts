// What a new user does: `npm create vite@latest` (react-ts or vanilla-ts), install the packed talkwire, replace
// the template's files with the README's snippets (read from README.md by their markers, so the README itself is
// what is tested, unchanged), type-check with the template's own tsc, start the template's Vite dev server and
// hold a voice turn in Chromium. Nothing here writes a file the README does not show: the template's own
// main.tsx and index.html stay as created.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import type { EmulatedCallInfo } from '../src/testing/startRealtimeEmulator';
import { freePort } from '../test/support/localServer';
import { readmeSnippet } from './support/readmeExample';
import { startDevServer, type DevServer } from './support/startDevServer';
import {
  countOffers,
  emulatorOf,
  holdVoiceTurn,
  micTracks,
  recordMicrophone,
  recordWorkletModules,
  workletModules,
} from './support/voiceAgentContract';

const run = promisify(execFile);
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
// Created once and kept: a template with its dependencies installed. Delete the folder to start from the
// current create-vite again.
const cacheRoot = join(repoRoot, 'node_modules/.cache/talkwire-new-apps');
const timings: Record<string, number> = {};
let tarball = '';
let packDir = '';

type Template = 'react-ts' | 'vanilla-ts';

let current = '';

/** Times `work` under `label`, prefixed with the snippet being tested. */
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[current ? `${current} ${label}` : label] = Math.round(performance.now() - started);
  }
}

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

async function npm(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('npm', args, { cwd, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? String(error)}`, {
      cause: error,
    });
  }
}

/** The template as `npm create vite@latest` makes it, its dependencies and the emulator's peers installed. */
async function cachedTemplate(template: Template): Promise<string> {
  const dir = join(cacheRoot, template);
  if (existsSync(join(dir, '.talkwire-ready'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(cacheRoot, { recursive: true });
  await npm(['create', '--yes', 'vite@latest', template, '--', '--template', template, '--no-interactive'], cacheRoot);
  await npm(['install', '--no-audit', '--no-fund'], dir);
  // The README's install line: the emulator's WebRTC stack, as dev dependencies.
  await npm(
    [
      'install',
      '-D',
      '--no-audit',
      '--no-fund',
      `werift@${installedVersion('werift')}`,
      `opusscript@${installedVersion('opusscript')}`,
    ],
    dir,
  );
  writeFileSync(join(dir, '.talkwire-ready'), '');
  return dir;
}

/** A fresh copy of the template with the packed talkwire installed and the README's snippets in place. */
async function newApp(template: Template, files: Record<string, string>): Promise<string> {
  const cached = await timed(`${template} template (cached after the first run)`, () => cachedTemplate(template));
  const project = mkdtempSync(join(tmpdir(), `talkwire-${template}-`));
  cpSync(cached, project, { recursive: true, verbatimSymlinks: true });
  await timed('install tarball', () =>
    npm(['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], project),
  );
  for (const [file, snippet] of Object.entries(files)) {
    const target = join(project, file);
    expect(existsSync(target) || file === 'vite.config.ts', `the ${template} template has ${file}`).toBe(true);
    writeFileSync(target, readmeSnippet(snippet));
  }
  return project;
}

/** The template's own type check: `tsc -b` for react-ts, `tsc` for vanilla-ts (their `build` scripts minus Vite). */
async function typeCheck(project: string, template: Template): Promise<void> {
  const args = template === 'react-ts' ? ['-b'] : [];
  try {
    await run(join(project, 'node_modules/.bin/tsc'), args, { cwd: project });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(
      `The README's snippets do not type-check in a new ${template} app:\n${stdout || stderr || String(error)}`,
      { cause: error },
    );
  }
}

async function devServer(project: string): Promise<DevServer> {
  const port = await freePort();
  return timed('dev server', () =>
    startDevServer({
      command: process.execPath,
      args: ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1', '--port', String(port), '--strictPort'],
      cwd: project,
      port,
      readyPath: '/api/realtime-config',
      timeoutMs: 60_000,
    }),
  );
}

/**
 * A voice turn through a page's own markup (the custom UI and the vanilla page): a `Talk` button, a log whose rows
 * carry `data-role`. The user's speech and the agent's answer appear, then `Hang up` ends the call and frees the mic.
 */
async function holdTurnByRoles(page: Page, calls: () => Promise<EmulatedCallInfo[]>): Promise<void> {
  const rows = (role: string) =>
    page
      .locator(`[role="log"] [data-role="${role}"]`)
      .evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
  await page.getByRole('button', { name: 'Talk' }).click();
  await expect.poll(() => rows('user'), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/^user: \S/));
  await expect
    .poll(() => rows('assistant'), { timeout: 30_000 })
    .toContainEqual(expect.stringMatching(/^assistant: \S/));
  expect((await calls()).map((call) => call.state)).toEqual(['open']);
  expect(await micTracks(page)).toContain('live');
  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect.poll(async () => (await micTracks(page)).every((state) => state === 'ended')).toBe(true);
  await expect.poll(async () => (await calls()).length, { message: 'the emulator closed the call' }).toBe(0);
  await expect(page.getByRole('button', { name: 'Talk' })).toBeVisible();
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  // `npm pack` runs `prepack`, which builds: the tarball is what npm would publish from a fresh clone.
  packDir = mkdtempSync(join(tmpdir(), 'talkwire-pack-'));
  tarball = await timed('pack', async () => {
    await npm(['pack', '--pack-destination', packDir], repoRoot);
    const [file] = readdirSync(packDir).filter((name) => name.endsWith('.tgz'));
    if (!file) throw new Error(`npm pack left no tarball in ${packDir}`);
    return join(packDir, file);
  });
});

test.afterAll(() => {
  if (packDir) rmSync(packDir, { recursive: true, force: true });
  console.log(
    `new user apps: ${Object.entries(timings)
      .map(([k, v]) => `${k} ${v} ms`)
      .join(', ')}`,
  );
});

async function session(
  name: string,
  page: Page,
  template: Template,
  files: Record<string, string>,
  turn: (page: Page, app: DevServer, calls: () => Promise<EmulatedCallInfo[]>) => Promise<void>,
): Promise<void> {
  test.setTimeout(300_000);
  current = name;
  const project = await newApp(template, files);
  let app: DevServer | null = null;
  try {
    await timed('type check', () => typeCheck(project, template));
    app = await devServer(project);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await recordMicrophone(page);
    await recordWorkletModules(page);
    const sent = countOffers(page);
    const emulator = emulatorOf(page.request, app.origin);
    // realtimeDevServer() found no OPENAI_API_KEY and started the emulator, whose address the key endpoint gives.
    expect(
      ((await (await page.request.get(`${app.origin}/api/realtime-config`)).json()) as { mode: string }).mode,
    ).toBe('emulator');
    await page.goto(app.origin);
    await timed('turn', () => turn(page, app!, () => emulator.calls()));
    expect(sent.offers()).toBe(1);
    expect(errors, app.output()).toEqual([]);
  } finally {
    await app?.stop();
    rmSync(project, { recursive: true, force: true });
  }
}

test("README embed: a fresh react-ts app with the README's vite.config.ts and src/App.tsx holds a voice turn", async ({
  page,
}) => {
  await session(
    'embed:',
    page,
    'react-ts',
    { 'vite.config.ts': 'react/vite.config.ts', 'src/App.tsx': 'embed/src/App.tsx' },
    async (p, app, calls) => {
      const root = p.locator('[data-talkwire="voice-agent"]');
      await expect(root).toHaveCount(1, { timeout: 60_000 });
      // The stylesheet from talkwire/styles.css reached the page: the card is laid out as a column.
      await expect(p.locator('[data-talkwire="voice-agent-panel"]')).toHaveCSS('flex-direction', 'column');
      await holdVoiceTurn(p, calls);
      // The mic worklet ships as its own file beside the bundle: the app's bundler (here Vite's dependency
      // optimizer) must still serve it, or the meter silently falls back to an AnalyserNode.
      expect(await workletModules(p), app.output()).toEqual([
        { url: expect.stringMatching(/\/talkwire\/dist\/worklets\/micProcessor\.js$/), result: 'loaded' },
      ]);
    },
  );
});

test("README custom UI: a fresh react-ts app with the README's useVoiceAgent src/App.tsx holds a voice turn", async ({
  page,
}) => {
  await session(
    'custom UI:',
    page,
    'react-ts',
    { 'vite.config.ts': 'react/vite.config.ts', 'src/App.tsx': 'custom/src/App.tsx' },
    (p, _app, calls) => holdTurnByRoles(p, calls),
  );
});

test("README without React: a fresh vanilla-ts app with the README's vite.config.ts and src/main.ts holds a voice turn", async ({
  page,
}) => {
  await session(
    'without React:',
    page,
    'vanilla-ts',
    { 'vite.config.ts': 'vanilla/vite.config.ts', 'src/main.ts': 'vanilla/src/main.ts' },
    (p, _app, calls) => holdTurnByRoles(p, calls),
  );
});
