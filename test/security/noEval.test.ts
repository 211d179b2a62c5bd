// Nothing in talkwire evaluates strings as code: pages with a strict CSP (no 'unsafe-eval') must run it, and a
// string from the server must never become code. Checked on the source and on the built package.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTalkwire, repoRoot } from '../../bench/bundleSizes.js';

const PATTERNS: Array<[string, RegExp]> = [
  ['eval(', /(^|[^.\w$])eval\s*\(/],
  ['new Function(', /\bnew\s+Function\s*\(/],
  ['Function("...")', /(^|[^.\w$])Function\s*\(\s*['"`]/],
  ['setTimeout/setInterval with a string', /\bset(?:Timeout|Interval)\s*\(\s*['"`]/],
];

function files(dir: string, keep: (file: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

function offences(list: string[]): string[] {
  const found: string[] = [];
  for (const file of list) {
    const text = readFileSync(file, 'utf8');
    for (const [label, pattern] of PATTERNS) {
      const match = pattern.exec(text);
      if (match) found.push(`${path.relative(repoRoot, file)}: ${label} at offset ${match.index}`);
    }
  }
  return found;
}

describe('no code from strings', () => {
  let dist = '';
  beforeAll(() => {
    dist = buildTalkwire(path.join(repoRoot, 'node_modules/.cache/talkwire-security/dist'));
  }, 180_000);

  it('the patterns catch what they are meant to catch', () => {
    const probe = (code: string) => PATTERNS.some(([, p]) => p.test(code));
    expect(probe('x = eval("1")')).toBe(true);
    expect(probe('new Function("return 1")')).toBe(true);
    expect(probe('Function("return this")()')).toBe(true);
    expect(probe("setTimeout('go()', 1)")).toBe(true);
    expect(probe('retrieval(x); obj.eval(y); evaluate(z)')).toBe(false);
  });

  it('source files', () => {
    const source = files(path.join(repoRoot, 'src'), (f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f));
    expect(source.length).toBeGreaterThan(20);
    expect(offences(source)).toEqual([]);
  });

  it('every JavaScript file of the built package (entries, chunks, worklets)', () => {
    const built = files(dist, (f) => f.endsWith('.js'));
    expect(built.some((f) => f.endsWith('core.js'))).toBe(true);
    expect(built.some((f) => f.includes('worklets'))).toBe(true);
    expect(offences(built)).toEqual([]);
  });
});
