import { readFileSync, existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { repoRoot } from '../fixtures/realtimeFixtures.js';

const IMPORT = /(?:^|\s)(?:import|export)\s(?:[^'";]*?\sfrom\s)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every source file reachable from `entry` by static or dynamic imports, plus the bare modules they name. */
function importGraph(
  entry: string,
  depth = Number.POSITIVE_INFINITY,
): { files: string[]; bare: Map<string, string[]> } {
  const files = new Set<string>();
  const bare = new Map<string, string[]>();
  const queue: Array<[file: string, level: number]> = [[path.resolve(repoRoot, entry), 0]];
  while (queue.length > 0) {
    const [file, level] = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    if (level >= depth) continue;
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(IMPORT)) {
      const spec = match[1] ?? match[2];
      if (spec === undefined) continue;
      if (spec.startsWith('.')) {
        const base = path.resolve(path.dirname(file), spec);
        const candidates = [
          base.replace(/\.js$/, '.ts'),
          base.replace(/\.js$/, '.tsx'),
          `${base}.ts`,
          path.join(base, 'index.ts'),
        ];
        const found = candidates.find((c) => existsSync(c));
        if (found === undefined) throw new Error(`${file}: cannot resolve ${spec}`);
        queue.push([found, level + 1]);
      } else {
        bare.set(spec, [...(bare.get(spec) ?? []), path.relative(repoRoot, file)]);
      }
    }
  }
  return { files: [...files].map((f) => path.relative(repoRoot, f)).sort(), bare };
}

/** Source files (tests excluded) under `dir`, relative to the repo. */
function sourcesUnder(dir: string): string[] {
  const entries = readdirSync(path.join(repoRoot, dir), { recursive: true, encoding: 'utf8' });
  return entries
    .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join('/')))
    .sort();
}

/** Every file a group of sources reaches, with the source that reached it. */
function reachedFrom(files: string[]): Array<[from: string, reached: string]> {
  return files.flatMap((file) => importGraph(file).files.map((reached): [string, string] => [file, reached]));
}

describe('rooms import one way', () => {
  it('src/core imports nothing from session, transport, audio or react', () => {
    for (const [from, reached] of reachedFrom(sourcesUnder('src/core'))) {
      expect(reached, `${from} reaches ${reached}`).toMatch(/^src\/core\//);
    }
  });

  it('transports import no session, react or audio-engine code', () => {
    for (const [from, reached] of reachedFrom(sourcesUnder('src/transport'))) {
      expect(reached, `${from} reaches ${reached}`).not.toMatch(/^src\/(session|react|entries)\//);
    }
  });

  it('hooks and components import no transport (they talk to the session)', () => {
    for (const file of sourcesUnder('src/react')) {
      for (const imported of importGraph(file, 1).files) {
        expect(imported, `${file} imports ${imported}`).not.toMatch(/^src\/transport\//);
      }
    }
  });

  it('talkwire/testing/scripted is browser-safe: no Node module, nothing of the emulator, no React', () => {
    const graph = importGraph('src/entries/scripted.ts');
    expect([...graph.bare.keys()].filter((spec) => spec !== 'zustand/vanilla')).toEqual([]);
    for (const file of graph.files) expect(file).not.toMatch(/^src\/(testing\/(?!scripted\/)|react\/|session\/)/);
  });

  it('entries only re-export', () => {
    for (const file of sourcesUnder('src/entries')) {
      const code = readFileSync(path.join(repoRoot, file), 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^'use client';$/m, '');
      const statements = code
        .split(/;\s*\n/)
        .map((s) => s.trim())
        .filter(Boolean);
      for (const statement of statements)
        expect(statement, file).toMatch(/^export (\*|\{|type \{)[\s\S]* from '[^']+'$/);
    }
  });
});

describe('talkwire/core layering', () => {
  const graph = importGraph('src/entries/core.ts');

  it('reaches the protocol, state and errors modules', () => {
    expect(graph.files).toContain('src/core/state/store.ts');
    expect(graph.files).toContain('src/core/protocol/parseServerEvent.ts');
    expect(graph.files.length).toBeGreaterThan(10);
  });

  it('imports no React, no react-dom and nothing from src/react', () => {
    for (const spec of graph.bare.keys())
      expect(spec, `imported by ${graph.bare.get(spec)?.join(', ')}`).not.toMatch(/^react(-dom)?($|\/)/);
    for (const file of graph.files) expect(file).not.toMatch(/^src\/react\//);
  });

  it('keeps the pure core (src/core) free of everything but zustand', () => {
    const core = importGraph('src/core/state/store.ts');
    for (const file of core.files) expect(file).toMatch(/^src\/core\//);
    expect([...core.bare.keys()]).toEqual(['zustand/vanilla']);
  });
});

describe('importing talkwire/core', () => {
  afterEach(() => {
    vi.doUnmock('react');
    vi.doUnmock('react-dom');
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('works when React cannot be loaded at all', async () => {
    vi.resetModules();
    vi.doMock('react', () => {
      throw new Error('talkwire/core must not import react');
    });
    vi.doMock('react-dom', () => {
      throw new Error('talkwire/core must not import react-dom');
    });
    const core = await import('../../src/entries/core.js');
    expect(typeof core.createRealtimeStore).toBe('function');
  });

  it('touches no window or document at import time', async () => {
    vi.resetModules();
    const touched: string[] = [];
    const names = ['window', 'document', 'navigator', 'localStorage'];
    const saved = new Map(names.map((name) => [name, Object.getOwnPropertyDescriptor(globalThis, name)]));
    for (const name of names) {
      Object.defineProperty(globalThis, name, {
        configurable: true,
        get() {
          touched.push(name);
          throw new Error(`${name} read at import time`);
        },
      });
    }
    try {
      const core = await import('../../src/entries/core.js');
      const store = core.createRealtimeStore();
      store.receive('{"type":"input_audio_buffer.cleared","event_id":"e"}');
    } finally {
      for (const [name, descriptor] of saved) {
        delete (globalThis as Record<string, unknown>)[name];
        if (descriptor !== undefined) Object.defineProperty(globalThis, name, descriptor);
      }
    }
    expect(touched).toEqual([]);
  });
});
