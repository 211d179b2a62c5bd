import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import type { AttachOptions } from '../src/server/attachToCall.js';
import { hangupCall } from '../src/server/callControl.js';
import { realtimeDevServer } from '../src/testing/realtimeDevServer.js';

// Calls made through /api/realtime-call (createCallHandler) get a server-side session on their sideband with a
// tool only the server has (e2e/calls.spec.ts). Every part of the tool (name, description, parameter, output
// field) is a distinct string, so the test can show none of it reaches the page.
const sidebandEnds: Array<{ code: string; message: string; at: number }> = [];
const serverTools: AttachOptions = {
  livenessIntervalMs: false,
  tools: [
    {
      name: 'lookup_order',
      description: 'Reads the warehouse ledger for an order',
      parameters: { type: 'object', properties: { order_reference: { type: 'string' } } },
      handler: () => ({ status: 'shipped', ledger_note: 'pallet 7Q' }),
    },
  ],
  onEnd: (error) => void sidebandEnds.push({ code: error.code, message: error.message, at: Date.now() }),
};

/**
 * The app's own server code for the call tests: `POST /api/end-call?call_id=` hangs a call up with `hangupCall`
 * (as a budget or moderation rule would), `GET /api/sidebands` says how the server's sidebands ended.
 */
function callControlRoutes(): Plugin {
  let apiBaseUrl = '';
  return {
    name: 'e2e:call-control',
    configResolved(config) {
      apiBaseUrl = JSON.parse(String(config.define?.['import.meta.env.VITE_TALKWIRE_API_BASE_URL'])) as string;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const reply = (status: number, body: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
          res.end(JSON.stringify(body));
        };
        if (url.pathname === '/api/sidebands') return reply(200, { ended: sidebandEnds, now: Date.now() });
        if (url.pathname !== '/api/end-call' || req.method !== 'POST') return next();
        hangupCall(url.searchParams.get('call_id') ?? '', { apiKey: 'sk-local-emulator', apiBaseUrl }).then(
          () => reply(200, { ok: true }),
          (error: unknown) => reply(500, { error: String(error) }),
        );
      });
    },
  };
}

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
  plugins: [realtimeDevServer({ apiKey: '', attach: serverTools }), callControlRoutes()],
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
