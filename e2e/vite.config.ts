import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { AttachOptions } from '../src/server/attachToCall.js';
import { realtimeDevServer } from '../src/testing/realtimeDevServer.js';

// Calls made through /api/realtime-call (createCallHandler) get a server-side session on their sideband with a
// tool only the server has (e2e/calls.spec.ts).
const serverTools: AttachOptions = {
  livenessIntervalMs: false,
  tools: [{ name: 'lookup_order', parameters: { type: 'object', properties: {} }, handler: () => 'A-7731' }],
};

// Serves the browser-test pages from source, with keys minted against a local emulator. An API key in the
// environment must not turn the test suite into calls to OpenAI.
export default defineConfig({
  root: fileURLToPath(new URL('./pages', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  server: {
    host: '127.0.0.1',
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
    // A test page must never reload under a running test: no hot updates, no file watching.
    hmr: false,
    watch: { ignored: ['**/*'] },
  },
  // Crawl every page at start-up so all dependencies are optimised before the first request; otherwise a fresh
  // clone discovers one mid-test and Vite reloads the page.
  optimizeDeps: { entries: ['*.html'] },
  plugins: [realtimeDevServer({ apiKey: '', attach: serverTools })],
  // Pages that copy the README import `talkwire` as an app would; here it resolves to the source.
  resolve: {
    alias: [
      { find: /^talkwire$/, replacement: fileURLToPath(new URL('../src/entries/index.ts', import.meta.url)) },
      {
        find: /^talkwire\/styles\.css$/,
        replacement: fileURLToPath(new URL('../src/react/styles.css', import.meta.url)),
      },
    ],
  },
});
