import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import { createClientSecretHandler } from '../server/createClientSecretHandler.js';
import type { ClientSecretSessionConfig } from '../server/mintClientSecret.js';
import { toNodeListener } from '../server/toNodeListener.js';
import {
  startRealtimeEmulator,
  type RealtimeEmulator,
  type RealtimeEmulatorOptions,
} from './startRealtimeEmulator.js';

export interface RealtimeDevServerOptions {
  /**
   * Standard OpenAI key for real sessions; default `process.env.OPENAI_API_KEY`. Without one, every key is minted
   * by a local emulator started with the dev server, so the page works with no key and no network.
   */
  apiKey?: string;
  /** Session config every minted key carries. */
  session?: ClientSecretSessionConfig;
  /** Where the page posts for a key. Default `/api/realtime-session`. */
  sessionPath?: string;
  /**
   * JSON `{ mode, apiBaseUrl, emulatorUrl }` for the page. Default `/api/realtime-config`. The same `apiBaseUrl`
   * is also compiled into `import.meta.env.VITE_TALKWIRE_API_BASE_URL` (pages need neither: against the
   * emulator the key endpoint's answer carries `api_base_url`, which the session follows by itself).
   */
  configPath?: string;
  emulator?: RealtimeEmulatorOptions;
}

export interface RealtimeDevServerConfig {
  mode: 'emulator' | 'openai';
  /** What the page passes as `apiBaseUrl`. */
  apiBaseUrl: string;
  /** The emulator's origin (for its `/__emulator/*` controls), or null against OpenAI. */
  emulatorUrl: string | null;
}

const OPENAI_API = 'https://api.openai.com/v1';

// The emulator accepts any standard-looking key; this one never leaves the machine.
const EMULATOR_KEY = 'sk-local-emulator';

/**
 * A Vite plugin (also for Storybook's `viteFinal`) that mounts a client-secret endpoint on the dev server:
 * against OpenAI when an API key is configured, otherwise against a local emulator it starts and stops with
 * the server.
 */
export function realtimeDevServer(options: RealtimeDevServerOptions = {}): Plugin {
  const sessionPath = options.sessionPath ?? '/api/realtime-session';
  const configPath = options.configPath ?? '/api/realtime-config';
  let emulator: RealtimeEmulator | null = null;

  let config: RealtimeDevServerConfig | null = null;
  let apiKey: string | undefined;

  return {
    name: 'talkwire:realtime-dev-server',
    apply: 'serve',
    // The emulator starts here, before the app is transformed, so its address can be baked into
    // `import.meta.env.VITE_TALKWIRE_API_BASE_URL` for the page.
    async config() {
      // An empty string (as the project's own browser tests pass) means: emulator, whatever the environment says.
      apiKey = (options.apiKey ?? process.env.OPENAI_API_KEY) || undefined;
      if (apiKey) {
        config = { mode: 'openai', apiBaseUrl: OPENAI_API, emulatorUrl: null };
      } else {
        emulator ??= await startRealtimeEmulator(options.emulator);
        config = { mode: 'emulator', apiBaseUrl: emulator.apiBaseUrl, emulatorUrl: emulator.url };
      }
      return { define: { 'import.meta.env.VITE_TALKWIRE_API_BASE_URL': JSON.stringify(config.apiBaseUrl) } };
    },
    configureServer(server) {
      if (!config) throw new Error('talkwire: realtimeDevServer() was not configured; add it to `plugins`.');
      const current = config;
      const handler = createClientSecretHandler({
        apiKey: apiKey ?? EMULATOR_KEY,
        apiBaseUrl: current.apiBaseUrl,
        ...(options.session ? { session: options.session } : {}),
      });
      const mint = toNodeListener(current.mode === 'emulator' ? withApiBaseUrl(handler, current.apiBaseUrl) : handler);
      server.config.logger.info(
        current.mode === 'openai'
          ? '  talkwire: keys are minted by OpenAI (OPENAI_API_KEY is set)'
          : `  talkwire: no OPENAI_API_KEY, using the local Realtime emulator at ${current.apiBaseUrl}`,
      );
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === sessionPath) return mint(req, res);
        if (path === configPath) {
          res.setHeader('Content-Type', 'application/json');
          res.setHeader('Cache-Control', 'no-store');
          res.end(JSON.stringify(current));
          return;
        }
        next();
      });
      server.httpServer?.once('close', () => {
        void emulator?.close();
        emulator = null;
      });
    },
  };
}

/**
 * Adds `api_base_url` to a minted key: the session connects there when the app sets no `apiBaseUrl`, so the same
 * page code talks to the emulator in development and to OpenAI in production (where the app's own endpoint
 * answers OpenAI's plain `{ value, expires_at }`).
 */
function withApiBaseUrl(
  handler: (request: Request) => Promise<Response>,
  apiBaseUrl: string,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const response = await handler(request);
    if (!response.ok) return response;
    const body = (await response.json()) as Record<string, unknown>;
    return new Response(JSON.stringify({ ...body, api_base_url: apiBaseUrl }), {
      status: response.status,
      headers: response.headers,
    });
  };
}
