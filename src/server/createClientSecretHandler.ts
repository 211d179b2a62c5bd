import { authorizeRequest, type ClientSecretAuthorize } from './authorizeRequest.js';
import { ClientSecretError } from './ClientSecretError.js';
import { nestsDeeperThan, MAX_JSON_DEPTH } from './jsonDepth.js';
import {
  defaultApiKey,
  mintClientSecret,
  validateExpiresAfter,
  type ClientSecretKind,
  type ClientSecretSessionConfig,
  type TranscriptionSecretSessionConfig,
  type TranslationSecretSessionConfig,
} from './mintClientSecret.js';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rateLimiter.js';
import { bodyTooLarge, errorResponse, failureResponse, JSON_HEADERS, readRequestText } from './handlerResponses.js';

type SessionKey = Exclude<keyof ClientSecretSessionConfig, 'type'>;

/** Picks what a caller may change: listed top-level session fields, or your own function. */
export type SessionOverridePolicy =
  | readonly SessionKey[]
  | ((
      requested: Record<string, unknown>,
      request: Request,
    ) => ClientSecretSessionConfig | undefined | Promise<ClientSecretSessionConfig | undefined>);

export interface ClientSecretHandlerOptions {
  /** Standard API key. Default `process.env.OPENAI_API_KEY`, read per request. */
  apiKey?: string | undefined;
  /**
   * The one kind of session this handler mints keys for; default `'realtime'`. Transcription and translation
   * keys must be asked for here, on the server: a request that names another kind is refused (400).
   */
  kind?: ClientSecretKind;
  /** Session config every minted key carries (model, instructions, voice, tools...), in the shape of `kind`. */
  session?: ClientSecretSessionConfig | TranscriptionSecretSessionConfig | TranslationSecretSessionConfig;
  /** Default `https://api.openai.com/v1`. */
  apiBaseUrl?: string;
  /** 10..7200, default 600. */
  expiresAfterSeconds?: number;
  /**
   * Required: who may mint a key. Until it is set, every request is refused (500, `authorize_required`). A
   * function returns the caller's identity (a string or `{ id }`, counted separately by `rateLimit`), `true`
   * (allowed, sharing one anonymous allowance), `false` (403), or a `Response` sent as is; a throw (a token
   * check that throws) answers 401. `'public'` lets anyone mint, as one anonymous caller: for demos.
   */
  authorize?: ClientSecretAuthorize;
  /** Mints per identity: default 10 per minute (a burst of 10, then one every 6 s); 429 beyond. `false`: none. */
  rateLimit?: RateLimit | false;
  /** Mints in flight at once, across all callers; default 16 (503 beyond). */
  maxConcurrent?: number;
  /** Time allowed for the request body to arrive; default 10 000 ms (408 beyond). */
  bodyTimeoutMs?: number;
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
const DEFAULT_MAX_CONCURRENT = 16;
const DEFAULT_BODY_TIMEOUT_MS = 10_000;

/**
 * A Web-standard `(Request) => Promise<Response>` that mints an ephemeral Realtime key for the browser.
 * Answers OpenAI's `{ value, expires_at, session }`, or `{ error: { message, code } }` with a status that says
 * whose fault it was. Sends no CORS headers: serve it from the page's own origin.
 */
export function createClientSecretHandler(
  options: ClientSecretHandlerOptions = {},
): (request: Request) => Promise<Response> {
  const configuredKey = () => ('apiKey' in options ? options.apiKey : defaultApiKey());
  validateExpiresAfter(options.expiresAfterSeconds);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const bodyTimeoutMs = options.bodyTimeoutMs ?? DEFAULT_BODY_TIMEOUT_MS;
  const maxConcurrent = options.maxConcurrent ?? DEFAULT_MAX_CONCURRENT;
  const limiter = options.rateLimit === false ? null : createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const policy = options.allowSessionOverrides;
  let inFlight = 0;

  return async function handleClientSecretRequest(request: Request): Promise<Response> {
    let holdsSlot = false;
    try {
      if (request.method !== 'POST') {
        return errorResponse(
          new ClientSecretError('method_not_allowed', 405, 'Use POST to request a Realtime client secret.'),
          { Allow: 'POST' },
        );
      }
      const declared = Number(request.headers.get('content-length') ?? '0');
      if (declared > maxBodyBytes) throw bodyTooLarge('The request body', maxBodyBytes);
      const identity = await authorizeRequest(options.authorize, request, configuredKey());
      if (identity instanceof Response) return identity;
      const waitMs = limiter?.take(identity) ?? 0;
      if (waitMs > 0) {
        const seconds = String(Math.ceil(waitMs / 1000));
        throw new ClientSecretError(
          'rate_limited',
          429,
          `Too many voice sessions started; try again in ${seconds} s.`,
          {
            retryAfter: seconds,
          },
        );
      }
      const text = await readBody(request, maxBodyBytes, bodyTimeoutMs);
      refuseOtherKind(text, options.kind ?? 'realtime');
      const overrides = policy ? await readOverrides(text, request, policy) : undefined;
      // Only the mint holds a slot: a caller trickling its body must not keep everyone else waiting.
      if (inFlight >= maxConcurrent) {
        throw new ClientSecretError(
          'busy',
          503,
          'The server is starting too many voice sessions at once; try again in a moment.',
          {
            retryAfter: '1',
          },
        );
      }
      inFlight++;
      holdsSlot = true;
      const secret = await mintClientSecret({
        apiKey: configuredKey(),
        kind: options.kind ?? 'realtime',
        session: { ...options.session, ...overrides } as ClientSecretSessionConfig,
        ...(options.apiBaseUrl === undefined ? {} : { apiBaseUrl: options.apiBaseUrl }),
        ...(options.expiresAfterSeconds === undefined ? {} : { expiresAfterSeconds: options.expiresAfterSeconds }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
        ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        signal: request.signal,
      });
      return new Response(JSON.stringify(secret), { status: 200, headers: JSON_HEADERS });
    } catch (error) {
      return failureResponse(request, error, 'key handler', configuredKey(), options.onError);
    } finally {
      if (holdsSlot) inFlight--;
    }
  };
}

/** The body as text, bounded in size and time. A body already read (by `authorize`) counts as empty. */
function readBody(request: Request, maxBodyBytes: number, bodyTimeoutMs: number): Promise<string> {
  if (request.bodyUsed) return Promise.resolve('');
  return readRequestText(request, maxBodyBytes, bodyTimeoutMs, 'The request body');
}

async function readOverrides(
  text: string,
  request: Request,
  policy: SessionOverridePolicy,
): Promise<ClientSecretSessionConfig | undefined> {
  if (!text.trim()) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ClientSecretError(
      'invalid_request',
      400,
      'The request body is not JSON; send `{ "session": { ... } }` or nothing.',
    );
  }
  if (nestsDeeperThan(body)) {
    throw new ClientSecretError(
      'invalid_request',
      400,
      `The request body nests deeper than ${MAX_JSON_DEPTH} levels; send a flatter session.`,
    );
  }
  const requested = isRecord(body) && isRecord(body.session) ? body.session : undefined;
  if (!requested) return undefined;
  if (typeof policy === 'function') return (await policy(requested, request)) ?? undefined;
  const picked: Record<string, unknown> = {};
  for (const key of policy) {
    if (key in requested) picked[key] = requested[key];
  }
  return picked;
}

/** A body that asks for another kind of session (`kind`, `type` or `session.type`) is refused, whatever the policy. */
function refuseOtherKind(text: string, kind: ClientSecretKind): void {
  if (!text.trim()) return;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return; // Not JSON: readOverrides says so when overrides are allowed; otherwise the body is ignored.
  }
  if (!isRecord(body)) return;
  const asked = [body['kind'], body['type'], isRecord(body['session']) ? body['session']['type'] : undefined];
  if (asked.some((value) => value !== undefined && value !== kind)) {
    throw new ClientSecretError(
      'kind_not_allowed',
      400,
      `This endpoint mints ${kind} session keys only; ask the endpoint for the kind you need.`,
    );
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
