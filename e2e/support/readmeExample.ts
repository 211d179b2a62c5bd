import { readFileSync } from 'node:fs';

const readme = fileURLToText(new URL('../../README.md', import.meta.url));

function fileURLToText(url: URL): string {
  return readFileSync(url, 'utf8');
}

/**
 * The README's code block that starts with the comment `// <file>` (e.g. `src/App.tsx`, `vite.config.ts`),
 * exactly as a reader copies it, comment line included.
 */
export function readmeExample(file: string): string {
  const fence = /```(?:ts|tsx)\n([\s\S]*?)```/g;
  for (const match of readme.matchAll(fence)) {
    const body = match[1]!;
    if (body.startsWith(`// ${file}\n`)) return body;
  }
  throw new Error(`README.md has no ts/tsx code block starting with "// ${file}"`);
}
