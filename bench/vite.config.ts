import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { realtimeDevServer } from '../src/testing/realtimeDevServer.js';

// Serves the benchmark pages from source, with keys minted against a local emulator (never OpenAI).
export default defineConfig({
  root: fileURLToPath(new URL('./pages', import.meta.url)),
  publicDir: false,
  logLevel: 'warn',
  // No file watching: a source file saved during a run must not reload the page under measurement.
  server: {
    host: '127.0.0.1',
    hmr: false,
    watch: null,
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  optimizeDeps: { include: ['@openai/agents-realtime', 'zustand/vanilla'], noDiscovery: true },
  plugins: [realtimeDevServer({ apiKey: '' })],
});
