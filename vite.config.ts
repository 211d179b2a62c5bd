import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { build, type Plugin } from 'vite';

/**
 * Library entries, one module each in src/entries. Each becomes `dist/<name>.js` (the bundler names an entry after
 * its key here) with `dist/types/entries/<name>.d.ts`; package.json `exports` lists only these.
 */
export const entries = {
  index: 'src/entries/index.ts',
  core: 'src/entries/core.ts',
  testing: 'src/entries/testing.ts',
  server: 'src/entries/server.ts',
  scripted: 'src/entries/scripted.ts',
};

const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^zustand($|\/)/,
  /^werift($|\/)/,
  /^opusscript$/,
  /^ws($|\/)/,
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
 * Each AudioWorklet (the mic processor, the WebSocket PCM player) must be one standalone file: a worklet
 * module cannot share chunks with the library. A build of its own, after the library, writes
 * `dist/worklets/<name>.js`. The library loads it with `new URL('./worklets/<name>.js', import.meta.url)`,
 * marked `@vite-ignore` in the source so this build does not inline it as a data: URL (which
 * `script-src 'self'` would block); the mark is removed from the output so that apps' bundlers (Vite, webpack)
 * emit the file as an asset.
 */
const worklets = ['micProcessor', 'pcmPlayer'];

function micWorklet(): Plugin {
  let outDir = 'dist';
  const ignored =
    /new URL\(\s*\/\* @vite-ignore \*\/\s*"\.\/worklets\/(micProcessor|pcmPlayer)\.js"\s*,\s*import\.meta\.url\s*\)/g;
  return {
    name: 'talkwire:mic-worklet',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    renderChunk(code, chunk) {
      if (!worklets.some((name) => code.includes(`./worklets/${name}.js`))) return null;
      // Keep the line count so the chunk's source map stays aligned.
      const stripped = code.replace(ignored, (match, name: string) => {
        // The URL is relative to the output file that holds the code.
        let url = path.posix.relative(path.posix.dirname(chunk.fileName), `worklets/${name}.js`);
        if (!url.startsWith('.')) url = `./${url}`;
        return `new URL(${JSON.stringify(url)}, import.meta.url)${match.replace(/[^\n]/g, '')}`;
      });
      return { code: stripped, map: null };
    },
    async closeBundle() {
      for (const name of worklets) {
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
            lib: { entry: `src/audio/worklets/${name}.ts`, formats: ['es'], fileName: () => `${name}.js` },
          },
        });
        const worklet = readFileSync(`${outDir}/worklets/${name}.js`, 'utf8');
        if (/^\s*(import|export)\b/m.test(worklet)) {
          throw new Error(`${outDir}/worklets/${name}.js must be standalone, but it has import/export statements`);
        }
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
      // Captions and translation styles load only in apps that show them, so the voice agent's sheet stays as it was.
      this.emitFile({
        type: 'asset',
        fileName: 'captions.css',
        source: readFileSync('src/react/captions.css', 'utf8'),
      });
    },
  };
}

/**
 * `'use client'` stays only on `dist/index.js`, the React entry, which is the client boundary for frameworks
 * with server components. Source modules carry it too, but repeated on every output file it makes an app's
 * bundler warn once per file.
 */
function clientBoundary(): Plugin {
  const directive = /^(['"])use client\1;?/;
  return {
    name: 'talkwire:client-boundary',
    apply: 'build',
    renderChunk(code, chunk) {
      if (chunk.fileName === 'index.js' || !directive.test(code)) return null;
      // Only the first line changes, so the source map stays aligned.
      return { code: code.replace(directive, ''), map: null };
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

export default defineConfig({
  build: {
    target: 'es2022',
    sourcemap: true,
    minify: false,
    lib: { entry: entries, formats: ['es'] },
    rollupOptions: {
      external,
      onwarn(warning, warn) {
        // The bundler doubts it keeps 'use client'; it does, on dist/index.js (the tarball test checks).
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) return;
        warn(warning);
      },
      output: {
        // One output file per source module, as in src/. An app's bundler then sees every module boundary, so it
        // keeps only the modules an import reaches (package.json says nothing has side effects), and code behind
        // `import()` (tools, push-to-talk, device switching, reconnect replay) stays out of the entry: bundled
        // as one file, a module shared by lazy code and the entry kept the lazy code's helpers in every app.
        // Both entries import the same files, so `instanceof RealtimeError` holds across them.
        preserveModules: true,
        preserveModulesRoot: 'src',
        entryFileNames: '[name].js',
      },
    },
  },
  plugins: [productionJsx(), clientBoundary(), declarations(), micWorklet(), stylesheet()],
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
    // expect.poll's 1 s default is short for a loaded machine: the unit tests share it with lint, the type check
    // and two browser suites, and a first import() transforms its module first. Waiting longer only makes a failing
    // test slower to report.
    expect: { poll: { timeout: 5_000 } },
  },
});
