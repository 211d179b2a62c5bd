import { ClientSecretError } from './ClientSecretError.js';
import {
  defaultApiKey,
  mintClientSecret,
  validateExpiresAfter,
  type ClientSecretSessionConfig,
} from './mintClientSecret.js';
import { redactCause } from './redactSecrets.js';

type SessionKey = Exclude<keyof ClientSecretSessionConfig, 'type'>;

/** Picks what a caller may change: listed top-level session fields, or your own function. */
export type SessionOverridePolicy =
  | readonly SessionKey[]
  | ((requested: Record<string, unknown>, request: Request) => ClientSecretSessionConfig | undefined | Promise<ClientSecretSessionConfig | undefined>);

export interface ClientSecretHandlerOptions {
  /** Standard API key. Default `process.env.OPENAI_API_KEY`, read per request. */
  apiKey?: string | undefined;
  /** Session config every minted key carries (model, instructions, voice, tools...). */
  session?: ClientSecretSessionConfig;
  /** Default `https://api.openai.com/v1`. */
  apiBaseUrl?: string;
  /** 10..7200, default 600. */
  expiresAfterSeconds?: number;
  /**
   * Decides who may mint a key: `true` allows, `false` answers 403, a `Response` is sent as is, and a throw
   * (for example a token check that throws) answers 401.
   */
  authorize?: (request: Request) => boolean | Response | Promise<boolean | Response>;
  /**
   * By default the request body is ignored: the browser cannot change the session config of a key paid for by
   * your API key. List fields (e.g. `['instructions']`) the caller may set through `{ "session": {...} }` in a
   * JSON body, or pass a function that returns the overrides to apply.
   */
  allowSessionOverrides?: SessionOverridePolicy;
  /** Largest accepted request body; default 16 384 bytes (413 beyond). */
  maxBodyBytes?: number;
  /** Upstream timeout, default 10 000 ms (504 beyond). */
  timeoutMs?: number;
  /** Called with every failure (the key never appears in it), for your own logging. */
  onError?: (error: ClientSecretError, request: Request) => void;
  fetch?: typeof fetch;
}

const DEFAULT_MAX_BODY = 16 * 1024;
const BASE_HEADERS = { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' } as const;

/**
 * A Web-standard `(Request) => Promise<Response>` that mints an ephemeral Realtime key for the browser.
 * Answers OpenAI's `{ value, expires_at, session }`, or `{ error: { message, code } }` with a status that says
 * whose fault it was. Sends no CORS headers: serve it from the page's own origin.
 */
export function createClientSecretHandler(options: ClientSecretHandlerOptions = {}): (request: Request) => Promise<Response> {
  const configuredKey = () => ('apiKey' in options ? options.apiKey : defaultApiKey());
  validateExpiresAfter(options.expiresAfterSeconds);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const policy = options.allowSessionOverrides;

  return async function handleClientSecretRequest(request: Request): Promise<Response> {
    try {
      if (request.method !== 'POST') {
        return errorResponse(
          new ClientSecretError('method_not_allowed', 405, 'Use POST to request a Realtime client secret.'),
          { Allow: 'POST' },
        );
      }
      const declared = Number(request.headers.get('content-length') ?? '0');
      if (declared > maxBodyBytes) throw tooLarge(maxBodyBytes);

      if (options.authorize) {
        let verdict: boolean | Response;
        try {
          verdict = await options.authorize(request);
        } catch (cause) {
          throw new ClientSecretError('unauthorized', 401, 'Sign in before starting a voice session.', {
            cause: redactCause(cause, configuredKey()),
          });
        }
        if (verdict instanceof Response) return verdict;
        if (verdict !== true) {
          throw new ClientSecretError('forbidden', 403, 'This user may not start a voice session.');
        }
      }

      const overrides = policy ? await readOverrides(request, policy, maxBodyBytes) : undefined;
      const secret = await mintClientSecret({
        apiKey: configuredKey(),
        session: { ...options.session, ...overrides },
        ...(options.apiBaseUrl === undefined ? {} : { apiBaseUrl: options.apiBaseUrl }),
        ...(options.expiresAfterSeconds === undefined ? {} : { expiresAfterSeconds: options.expiresAfterSeconds }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        signal: request.signal,
      });
      return new Response(JSON.stringify(secret), { status: 200, headers: BASE_HEADERS });
    } catch (error) {
      const failure =
        error instanceof ClientSecretError
          ? error
          : new ClientSecretError('internal_error', 500, 'The key handler failed unexpectedly; see onError or the server log.', {
              cause: redactCause(error, configuredKey()),
            });
      options.onError?.(failure, request);
      return errorResponse(failure, failure.retryAfter ? { 'Retry-After': failure.retryAfter } : {});
    }
  };
}

async function readOverrides(
  request: Request,
  policy: SessionOverridePolicy,
  maxBodyBytes: number,
): Promise<ClientSecretSessionConfig | undefined> {
  const text = await readBoundedText(request, maxBodyBytes);
  if (!text.trim()) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ClientSecretError('invalid_request', 400, 'The request body is not JSON; send `{ "session": { ... } }` or nothing.');
  }
  const requested = isRecord(body) && isRecord(body.session) ? body.session : undefined;
  if (!requested) return undefined;
  if (typeof policy === 'function') return (await policy(requested, request)) ?? undefined;
  const picked: Record<string, unknown> = {};
  for (const key of policy) {
    if (key in requested) picked[key] = requested[key];
  }
  return picked as ClientSecretSessionConfig;
}

async function readBoundedText(request: Request, maxBodyBytes: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBodyBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBodyBytes);
    }
    chunks.push(value);
  }
  const all = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    all.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(all);
}

function tooLarge(maxBodyBytes: number): ClientSecretError {
  return new ClientSecretError('body_too_large', 413, `The request body is larger than ${maxBodyBytes} bytes.`);
}

function errorResponse(error: ClientSecretError, extra: Record<string, string> = {}): Response {
  const payload: { error: { message: string; code: string; upstream_status?: number } } = {
    error: { message: error.message, code: error.code },
  };
  if (error.upstreamStatus !== undefined) payload.error.upstream_status = error.upstreamStatus;
  return new Response(JSON.stringify(payload), { status: error.status, headers: { ...BASE_HEADERS, ...extra } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
