// Size budgets, measured as an app's bundler sees the built package: minified ESM, React external, gzip -9.
// The figures are printed on every run, so a change that costs bytes shows up before it reaches a budget.
import { beforeAll, describe, expect, it } from 'vitest';
import { BUDGETS, buildTalkwire, measureEntry, talkwireEntries, type BundleSize } from '../../bench/bundleSizes.js';

const sizes = new Map<string, BundleSize>();

beforeAll(async () => {
  const dist = buildTalkwire();
  for (const entry of talkwireEntries(dist)) sizes.set(entry.key, await measureEntry(entry, dist));
  const lines = [...sizes.entries()].map(([key, s]) => {
    const budget = BUDGETS[key];
    const lazy = s.lazyGzip > 0 ? `, ${s.lazyGzip} B more on demand` : '';
    return `  ${s.label.padEnd(42)} ${String(s.gzip).padStart(6)} B gzip up front${lazy}${budget === undefined ? '' : ` (budget ${budget} B)`}`;
  });
  console.log(`talkwire bundle sizes:\n${lines.join('\n')}`);
}, 120_000);

describe('size budgets (gzip bytes)', () => {
  for (const [key, budget] of Object.entries(BUDGETS)) {
    it(`${key} stays within ${budget} B`, () => {
      const size = sizes.get(key);
      expect(size, `no measurement for ${key}`).toBeDefined();
      expect(size!.gzip, `${size!.label}: ${size!.gzip} B gzip, budget ${budget} B`).toBeLessThanOrEqual(budget);
    });
  }
});
