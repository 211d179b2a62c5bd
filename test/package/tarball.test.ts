// Packs the package as npm would publish it (`prepack` builds it first, as on a fresh clone), lints the tarball
// with publint and arethetypeswrong, installs it into an empty project and imports every entry from there: what
// a user gets, not what the source tree happens to resolve.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  version: string;
};
let project = '';
let tarball = '';

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'talkwire-pack-'));
  // As on a fresh clone: no dist until `npm pack` runs `prepack`.
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  tarball = run('npm', ['pack', '--silent', '--pack-destination', project], root).trim().split('\n').pop()!;
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  // The emulator's WebRTC stack and React are peers: a user installs them beside talkwire, so the test does too.
  const peers = ['werift', 'opusscript', 'react', 'react-dom'].map((name) => `${name}@${installedVersion(name)}`);
  run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', `./${tarball}`, ...peers],
    project,
  );
}, 180_000);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

describe('the published tarball', () => {
  it('exports only entries that exist, each with its types', () => {
    for (const [name, target] of Object.entries(pkg.exports)) {
      if (name === './package.json' || typeof target === 'string') continue;
      const { types, default: js } = target as { types: string; default: string };
      expect(() => readFileSync(join(project, 'node_modules/talkwire', js)), `${name} js`).not.toThrow();
      expect(() => readFileSync(join(project, 'node_modules/talkwire', types)), `${name} types`).not.toThrow();
    }
  });

  it('talkwire/core imports in plain Node and reduces a server event', () => {
    const script = `
      import { createInitialState, reduceServerEvent, selectTranscript } from 'talkwire/core';
      let s = createInitialState();
      s = reduceServerEvent(s, { type: 'conversation.item.added', item: { id: 'i1', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] } });
      console.log(JSON.stringify(selectTranscript(s).map((e) => [e.role, e.text])));
    `;
    const out = run(process.execPath, ['--input-type=module', '-e', script], project).trim();
    expect(JSON.parse(out)).toEqual([['user', 'hi']]);
  });

  it('talkwire/testing/scripted drives a real talkwire/core session in plain Node, from the installed package', () => {
    const script = `
      import { createRealtimeSession, selectOrder } from 'talkwire/core';
      import { createScriptedTransport } from 'talkwire/testing/scripted';
      const server = createScriptedTransport({ replies: ['Hello there.'] });
      const session = createRealtimeSession({ transport: server, getClientSecret: async () => 'ek_test' });
      await session.connect();
      session.sendText('Hi');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await server.settled();
      const state = session.store.getState();
      console.log(JSON.stringify([state.status, selectOrder(state).length]));
      await session.disconnect();
    `;
    const out = run(process.execPath, ['--input-type=module', '-e', script], project).trim();
    expect(JSON.parse(out)).toEqual(['connected', 2]);
  });

  it("talkwire/server mints a key from talkwire/testing's emulator, all from the installed package", () => {
    const script = `
      import { createClientSecretHandler } from 'talkwire/server';
      import { startRealtimeEmulator } from 'talkwire/testing';
      const emulator = await startRealtimeEmulator();
      try {
        const handler = createClientSecretHandler({ apiKey: 'sk-test-local', apiBaseUrl: emulator.apiBaseUrl, authorize: 'public' });
        const res = await handler(new Request('http://127.0.0.1/api/realtime-session', { method: 'POST' }));
        const body = await res.json();
        console.log(JSON.stringify({ status: res.status, prefix: body.value.slice(0, 3), url: emulator.url.startsWith('http://127.0.0.1:') }));
      } finally {
        await emulator.close();
      }
    `;
    const out = run(process.execPath, ['--input-type=module', '-e', script], project).trim().split('\n').pop()!;
    expect(JSON.parse(out)).toEqual({ status: 200, prefix: 'ek_', url: true });
  });

  it('the React entry imports in Node without touching browser globals', () => {
    const script = `
      const talkwire = await import('talkwire');
      console.log(JSON.stringify([typeof talkwire.VoiceAgent, typeof talkwire.useRealtimeSession, typeof talkwire.createRealtimeSession, typeof globalThis.window]));
    `;
    const out = run(process.execPath, ['--input-type=module', '-e', script], project).trim();
    expect(JSON.parse(out)).toEqual(['function', 'function', 'function', 'undefined']);
  });

  // This build ran under the test runner's NODE_ENV=test: the package must still be a production build.
  it('<VoiceAgent/> renders under NODE_ENV=production; one client boundary; no source path', () => {
    const script = `
      import { createElement } from 'react';
      import { renderToString } from 'react-dom/server';
      import { VoiceAgent } from 'talkwire';
      const html = renderToString(createElement(VoiceAgent, { clientSecretUrl: '/api/realtime-session' }));
      console.log(JSON.stringify(/data-talkwire="voice-agent"[^>]*data-status="idle"/.test(html)));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: project,
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    }).trim();
    expect(out).toBe('true');
    const index = readFileSync(join(project, 'node_modules/talkwire/dist/index.js'), 'utf8');
    expect(index).not.toContain('jsx-dev-runtime');
    // The React entry is the client boundary for server-component frameworks; other files carry no directive.
    expect(index.startsWith('"use client"')).toBe(true);
    const hook = readFileSync(join(project, 'node_modules/talkwire/dist/react/useRealtimeSession.js'), 'utf8');
    expect(hook).not.toContain('use client');
    expect(index).not.toContain(root);
  });

  it('ships the build and no test files', () => {
    const list = run('tar', ['-tzf', tarball], project)
      .trim()
      .split('\n')
      .map((p) => p.replace(/^package\//, ''));
    expect(list.some((p) => /\.test\.|\/test\//.test(p))).toBe(false);
    expect(list).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'dist/index.js',
        'dist/types/entries/index.d.ts',
        'dist/styles.css',
        'dist/worklets/micProcessor.js',
        'dist/worklets/pcmPlayer.js',
      ]),
    );
  });

  it('publint finds nothing to fix, suggestions included', () => {
    const out = run(
      process.execPath,
      [join(root, 'node_modules/publint/src/cli.js'), 'run', tarball, '--strict', '--level', 'suggestion'],
      project,
    );
    expect(out).toContain('All good!');
  }, 60_000);

  it('arethetypeswrong: every entry resolves to its own types under node16 (ESM) and bundlers', () => {
    // ESM only, so CommonJS resolutions (node10, node16 from require) are out of scope; the stylesheets have no types.
    const out = run(
      process.execPath,
      [
        join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js'),
        tarball,
        '--profile',
        'esm-only',
        '--exclude-entrypoints',
        './styles.css',
        './captions.css',
        '--format',
        'json',
      ],
      project,
    );
    const { problems } = JSON.parse(out) as {
      problems: Record<string, { resolutionKind?: string; entrypoint: string }[]>;
    };
    const counted = Object.values(problems)
      .flat()
      .filter((problem) => problem.resolutionKind !== 'node10' && problem.resolutionKind !== 'node16-cjs');
    expect(counted).toEqual([]);
  }, 60_000);
});
