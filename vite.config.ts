import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { build, type Plugin } from 'vite';

/**
 * Library entries. Each becomes `dist/<name>.js` with `dist/types/<name>.d.ts`; package.json `exports`
 * lists only these.
 */
export const entries = {
  index: 'src/index.ts',
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

/**
 * Declarations come from tsc itself: it is the reference implementation and needs no extra plugin.
 * TALKWIRE_NO_DTS=1 skips them for builds that only measure the JavaScript (the size budget builds into its own
 * folder and must not rewrite dist/types while another build packs it).
 */
function declarations(): Plugin {
  return {
    name: 'talkwire:declarations',
    apply: (_config, env) => env.command === 'build' && process.env.TALKWIRE_NO_DTS !== '1',
    closeBundle() {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
        stdio: 'inherit',
      });
    },
  };
}

/**
 * The mic AudioWorklet must be one standalone file: a worklet module cannot share chunks with the library.
 * A second build of its own, after the library, writes `dist/worklets/micProcessor.js`. The library loads it
 * with `new URL('./worklets/micProcessor.js', import.meta.url)`, marked `@vite-ignore` in the source so this
 * build does not inline it as a data: URL (which `script-src 'self'` would block); the mark is removed from
 * the output so that apps' bundlers (Vite, webpack) emit the file as an asset.
 */
function micWorklet(): Plugin {
  let outDir = 'dist';
  const ignored = /new URL\(\s*\/\* @vite-ignore \*\/\s*("\.\/worklets\/micProcessor\.js")\s*,\s*import\.meta\.url\s*\)/g;
  return {
    name: 'talkwire:mic-worklet',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    renderChunk(code, chunk) {
      if (!code.includes('./worklets/micProcessor.js')) return null;
      // The URL is relative to the output file, wherever the bundler placed the code (entry or shared chunk).
      let url = path.posix.relative(path.posix.dirname(chunk.fileName), 'worklets/micProcessor.js');
      if (!url.startsWith('.')) url = `./${url}`;
      // Keep the line count so the chunk's source map stays aligned.
      const stripped = code.replace(ignored, (match) => `new URL(${JSON.stringify(url)}, import.meta.url)${match.replace(/[^\n]/g, '')}`);
      return { code: stripped, map: null };
    },
    async closeBundle() {
      await build({
        configFile: false,
        logLevel: 'warn',
        publicDir: false,
        build: {
          target: 'es2022',
          sourcemap: true,
          minify: false,
          emptyOutDir: false,
          outDir: `${outDir}/worklets`,
          lib: { entry: 'src/audio/worklets/micProcessor.ts', formats: ['es'], fileName: () => 'micProcessor.js' },
        },
      });
      const worklet = readFileSync(`${outDir}/worklets/micProcessor.js`, 'utf8');
      if (/^\s*(import|export)\b/m.test(worklet)) {
        throw new Error(`${outDir}/worklets/micProcessor.js must be standalone, but it has import/export statements`);
      }
    },
  };
}

/** `talkwire/styles.css`: the default theme ships as a plain stylesheet, untouched by the JS build. */
function stylesheet(): Plugin {
  return {
    name: 'talkwire:stylesheet',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'styles.css', source: readFileSync('src/react/styles.css', 'utf8') });
    },
  };
}

/**
 * The `talkwire` entry re-exports `talkwire/core` and the React layer reaches core code only through
 * `src/core.ts`. That import stays an import of `./core.js` in the output, so both entries share one copy of the
 * store, session and error classes (`instanceof RealtimeError` holds across them) and `dist/index.js` carries
 * only the React layer.
 */
function coreAsSibling(): Plugin {
  const core = path.resolve('src/core.ts');
  return {
    name: 'talkwire:core-as-sibling',
    enforce: 'pre',
    apply: 'build',
    async resolveId(source, importer, options) {
      if (importer === undefined || !/(^|\/)core\.js$/.test(source)) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (resolved?.id !== core) return null;
      return { id: 'talkwire/core', external: true };
    },
  };
}

/**
 * The published JSX calls react/jsx-runtime whatever NODE_ENV the build runs under. Vite picks the dev runtime
 * when NODE_ENV is not "production" (a build started from a test runner has "test"); that output embeds source
 * paths and calls jsxDEV, which React's production jsx-dev-runtime leaves undefined, so the package would fail
 * to render in users' production apps. Tests and stories keep the dev runtime.
 */
function productionJsx(): Plugin {
  return {
    name: 'talkwire:production-jsx',
    apply: 'build',
    config: () => ({ oxc: { jsx: { runtime: 'automatic', development: false } } }),
  };
}

/**
 * Code that a session loads with `import()` only when a feature is used (tools, response sequencing,
 * push-to-talk, ...). Each group is a chunk of its own: left alone, the bundler merges these modules with the
 * ones the entry needs into one shared chunk, and an app's bundler cannot split a chunk again, so the optional
 * code would load with every session.
 */
const lazyChunks: Array<{ name: string; test: RegExp }> = [
  { name: 'features', test: /src\/session\/(responseQueue|turnDetection|tools\/(createToolRunner|toolDefinitions))\.ts$/ },
];

export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: { entry: entries, formats: ['es'] },
    rollupOptions: {
      external,
      // Lazy chunks import what they share with an entry from that entry.
      preserveEntrySignatures: 'allow-extension',
      onwarn(warning, warn) {
        // Inner modules' directives are redundant: the entry module src/index.ts keeps its own 'use client'.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) return;
        warn(warning);
      },
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        codeSplitting: { includeDependenciesRecursively: false, groups: lazyChunks },
        paths: { 'talkwire/core': './core.js' },
      },
    },
  },
  plugins: [productionJsx(), coreAsSibling(), declarations(), micWorklet(), stylesheet()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
});
