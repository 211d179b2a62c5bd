// Every row of the seed-003 equivalence table names a test that exists: its file, and each quoted test title in it.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);
const doc = readFileSync(new URL('docs/CONVERSATION.md', root), 'utf8');
const table = doc.slice(doc.indexOf('## Seed 003'));
const rows = table
  .split('\n')
  .filter((line) => line.startsWith('| ') && !line.startsWith('| seed 003') && !line.startsWith('|---'));
const alias: Record<string, string> = {
  'conversationMethods.test.ts': 'src/session/conversation/conversationMethods.test.ts',
  'createRealtimeSession.test.ts': 'src/session/createRealtimeSession.test.ts',
};

describe('docs/CONVERSATION.md seed 003 table', () => {
  it('has a row for each seed method and event', () => {
    expect(rows.length).toBeGreaterThanOrEqual(28);
  });

  it.each(rows.map((row) => [row.split('|')[1]!.trim(), row] as const))(
    '%s points to a test that exists',
    (_name, row) => {
      const shown = row.split('|').at(-2)!;
      const files = [...shown.matchAll(/`([^`]+\.(?:test|spec)\.tsx?)`/g)].map((m) => alias[m[1]!] ?? m[1]!);
      expect(files.length, row).toBeGreaterThan(0);
      for (const file of files) expect(existsSync(new URL(file, root)), file).toBe(true);
      const sources = files.map((file) => readFileSync(new URL(file, root), 'utf8')).join('\n');
      for (const [, title] of shown.matchAll(/"([^"]+)"/g)) {
        const start = title!.replace(/\s*\.\.\.$/, '');
        expect(sources.includes(start), `"${start}" in ${files.join(', ')}`).toBe(true);
      }
    },
  );
});
