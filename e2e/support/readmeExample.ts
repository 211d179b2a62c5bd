import { readFileSync } from 'node:fs';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/**
 * The README's code block marked `<!-- snippet: <name> -->` on the line above it (e.g. `embed/src/App.tsx`),
 * exactly as a reader copies it. The marker names the snippet, and the tests paste what it marks, so the README
 * and the tests cannot drift apart.
 */
export function readmeSnippet(name: string): string {
  const marker = `<!-- snippet: ${name} -->\n`;
  const at = readme.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no "${marker.trim()}" marker`);
  const block = /^```(?:ts|tsx)\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length));
  if (!block || block.index !== 0)
    throw new Error(`README.md: "${marker.trim()}" is not directly above a ts/tsx code block`);
  return block[1]!;
}
