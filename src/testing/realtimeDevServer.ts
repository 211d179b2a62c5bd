import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin } from 'vite';
import type { AttachOptions } from '../server/attachToCall.js';
import type { ClientSecretAuthorize } from '../server/authorizeRequest.js';
import { createCallHandler } from '../server/createCallHandler.js';
import { createClientSecretHandler } from '../server/createClientSecretHandler.js';
import type { ClientSecretSessionConfig } from '../server/mintClientSecret.js';
import { toNodeListener } from '../server/toNodeListener.js';
import { startRealtimeEmulator, type RealtimeEmulator, type RealtimeEmulatorOptions } from './startRealtimeEmulator.js';

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
  /** Where the page posts for a transcription-session key (live captions). Default `/api/transcription-session`. */
  transcriptionPath?: string;
  /** Where the page posts for a translation-session key. Default `/api/translation-session`. */
  translationPath?: string;
  /** Where the page posts its SDP offer for `createRealtimeSession({ callUrl })`. Default `/api/realtime-call`. */
  callPath?: string;
  /** Attach a server-side session (`attachToCall`) with these options to every call made through `callPath`. */
  attach?: AttachOptions;
  /**
   * JSON `{ mode, apiBaseUrl, emulatorUrl }` for the page. Default `/api/realtime-config`. The same `apiBaseUrl`
   * is also compiled into `import.meta.env.VITE_TALKWIRE_API_BASE_URL` (pages need neither: against the
   * emulator the key endpoint's answer carries `api_base_url`, which the session follows by itself).
   */
  configPath?: string;
  emulator?: RealtimeEmulatorOptions;
  /**
   * Who may mint with the real key (OpenAI mode only). Default: only this machine, that is a loopback caller
   * naming a loopback `Host` (so neither another device on the network nor a DNS-rebinding page can spend your
   * key), at the key handler's default rate limit. Emulator keys are minted for any caller.
   */
  authorize?: ClientSecretAuthorize;
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
  const callPath = options.callPath ?? '/api/realtime-call';
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
        // TALKWIRE_EMULATOR_TOKEN guards the emulator's control endpoints; test helpers send the same variable.
        const controlToken = process.env.TALKWIRE_EMULATOR_TOKEN;
        emulator ??= await startRealtimeEmulator({ ...(controlToken ? { controlToken } : {}), ...options.emulator });
        config = { mode: 'emulator', apiBaseUrl: emulator.apiBaseUrl, emulatorUrl: emulator.url };
      }
      return { define: { 'import.meta.env.VITE_TALKWIRE_API_BASE_URL': JSON.stringify(config.apiBaseUrl) } };
    },
    async configureServer(server) {
      if (!config) throw new Error('talkwire: realtimeDevServer() was not configured; add it to `plugins`.');
      const current = config;
      const openai = current.mode === 'openai';
      // Emulator keys work only against the emulator on 127.0.0.1 and cost nothing, so anyone may mint them as
      // fast as the tests need. A real key is another matter: see `authorize` above.
      const handlerOptions = {
        apiKey: apiKey ?? EMULATOR_KEY,
        apiBaseUrl: current.apiBaseUrl,
        authorize: openai ? (options.authorize ?? 'public') : 'public',
        ...(openai ? {} : { rateLimit: false as const }),
      } as const;
      // In development the key's answer also says where it is valid (the emulator), so the page needs no apiBaseUrl.
      const listener = (handler: (request: Request) => Promise<Response>) =>
        toNodeListener(openai ? handler : withApiBaseUrl(handler, current.apiBaseUrl));
      const mint = listener(
        createClientSecretHandler({ ...handlerOptions, ...(options.session ? { session: options.session } : {}) }),
      );
      const mintTranscription = listener(
        createClientSecretHandler({
          ...handlerOptions,
          kind: 'transcription',
          session: {
            audio: { input: { transcription: { model: 'gpt-4o-transcribe' }, turn_detection: { type: 'server_vad' } } },
          },
        }),
      );
      const mintTranslation = listener(
        createClientSecretHandler({
          ...handlerOptions,
          kind: 'translation',
          session: {
            audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } }, output: { language: 'es' } },
          },
        }),
      );
      const transcriptionPath = options.transcriptionPath ?? '/api/transcription-session';
      const translationPath = options.translationPath ?? '/api/translation-session';
      // Node 20 has no global WebSocket: the emulator's own optional peer `ws` serves.
      const attach = options.attach && {
        ...options.attach,
        WebSocket: options.attach.WebSocket ?? (await import('ws')).WebSocket,
      };
      const startCall = toNodeListener(
        createCallHandler({
          ...handlerOptions,
          ...(options.session ? { session: options.session } : {}),
          ...(attach ? { attach } : {}),
        }),
      );
      const onlyThisMachine = openai && options.authorize === undefined;
      server.config.logger.info(
        current.mode === 'openai'
          ? '  talkwire: keys are minted by OpenAI (OPENAI_API_KEY is set)'
          : `  talkwire: no OPENAI_API_KEY, using the local Realtime emulator at ${current.apiBaseUrl}`,
      );
      server.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        const path = (req.url ?? '/').split('?')[0];
        if (path === sessionPath || path === transcriptionPath || path === translationPath || path === callPath) {
          if (onlyThisMachine && !fromThisMachine(req)) {
            res.writeHead(403, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
            res.end(
              JSON.stringify({
                error: {
                  code: 'forbidden',
                  message:
                    'The dev server mints real keys only for this machine (localhost); pass authorize to realtimeDevServer() to allow more.',
                },
              }),
            );
            return;
          }
          return path === sessionPath
            ? mint(req, res)
            : path === callPath
              ? startCall(req, res)
              : path === translationPath
                ? mintTranslation(req, res)
                : mintTranscription(req, res);
        }
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

const LOOPBACK_HOST = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i;

/** A loopback peer that also names a loopback host: a rebinding page connects from here but names its own host. */
function fromThisMachine(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  const loopbackPeer = address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return loopbackPeer && LOOPBACK_HOST.test(req.headers.host ?? '');
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
