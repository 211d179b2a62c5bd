import { execFileSync } from 'node:child_process';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';

/**
 * Library entries. Each becomes `dist/<name>.js` with `dist/types/<name>.d.ts`; package.json `exports`
 * lists only these.
 */
export const entries = {
  core: 'src/core.ts',
  testing: 'src/testing.ts',
  server: 'src/server.ts',
};

const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^zustand($|\/)/,
  /^werift($|\/)/,
  /^opusscript$/,
  /^node:/,
];

/** Declarations come from tsc itself: it is the reference implementation and needs no extra plugin. */
function declarations(): Plugin {
  return {
    name: 'talkwire:declarations',
    apply: 'build',
    closeBundle() {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
        stdio: 'inherit',
      });
    },
  };
}

export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: { entry: entries, formats: ['es'] },
    rollupOptions: {
      external,
      output: { entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  plugins: [declarations()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
});
