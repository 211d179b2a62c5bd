// Every export the `talkwire` entry adds to `talkwire/core` has an entry in docs/REACT.md: a new export without
// one fails here. The README's words for the UI are checked against the UI's own labels.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { defaultLabels } from '../../src/react/labels';

const root = resolve(import.meta.dirname, '../..');
const docsDir = join(root, 'docs');

function exportsOf(entry: string): string[] {
  const file = join(root, entry);
  const program = ts.createProgram([file], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    jsx: ts.JsxEmit.ReactJSX,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  return checker
    .getExportsOfModule(symbol)
    .map((s) => s.getName())
    .sort();
}

/** `name` in backticks, alone or as the start of a call, a JSX tag or a member: `useVoiceAgent(options?)`, `<VoiceAgent/>`. */
function documented(text: string, name: string): boolean {
  return new RegExp(`\`<?${name}(?![A-Za-z0-9_])`).test(text);
}

const react = readFileSync(join(docsDir, 'REACT.md'), 'utf8');

describe('docs/REACT.md covers the React entry', () => {
  const index = exportsOf('src/entries/index.ts');
  const core = new Set(exportsOf('src/entries/core.ts'));

  it('docs/REACT.md has an entry for every export the React entry adds', () => {
    // A failed resolution would list nothing and pass: the entry really has its hooks and components.
    expect(index).toEqual(expect.arrayContaining(['useVoiceAgent', 'VoiceAgent', 'createRealtimeSession']));
    const missing = index.filter((name) => !core.has(name) && !documented(react, name));
    expect(missing, 'exports of talkwire with no entry in docs/REACT.md').toEqual([]);
  });
});

it("the README names the talk button by the UI's own label", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const named = [...readme.matchAll(/(?:click|press) \*\*([^*]+)\*\*/gi)].map((m) => m[1]);
  expect(named.length).toBeGreaterThan(0);
  for (const label of named) expect(label).toBe(defaultLabels.start);
});
