import type { RealtimeAudioInputConfig, RealtimeSessionConfig } from '../core/protocol/session.js';
import { ClientSecretError } from './ClientSecretError.js';
import { describeUrl, postUpstream, upstreamRefusal, type UpstreamAnswer } from './upstreamRequest.js';

/** GA session config for the key; `type: 'realtime'` is added when missing. */
export type ClientSecretSessionConfig = Omit<Partial<RealtimeSessionConfig>, 'type'> & {
  type?: 'realtime';
  model?: string;
};

/** Config of a transcription-session key (`session.type: "transcription"`, added when missing). */
export interface TranscriptionSecretSessionConfig {
  type?: 'transcription';
  audio?: { input?: RealtimeAudioInputConfig };
  include?: Array<'item.input_audio_transcription.logprobs'> | null;
}

/** Config of a translation-session key (`POST /realtime/translations/client_secrets`; no `type`). */
export interface TranslationSecretSessionConfig {
  /** Default `gpt-realtime-translate`. */
  model?: string;
  audio?: {
    input?: {
      transcription?: { model?: string } | null;
      noise_reduction?: { type?: 'near_field' | 'far_field' } | null;
    };
    output?: { language?: string };
  };
}

/** Which kind of session a key opens. Each has its own config shape; a key never opens another kind. */
export type ClientSecretKind = 'realtime' | 'transcription' | 'translation';

export interface MintClientSecretOptions {
  /** Standard API key. Default `process.env.OPENAI_API_KEY`, read on every call. */
  apiKey?: string | undefined;
  /** Default `'realtime'`. `'translation'` mints at `/realtime/translations/client_secrets`. */
  kind?: ClientSecretKind;
  /** The config for `kind`; a `type` that names another kind is refused. */
  session?: ClientSecretSessionConfig | TranscriptionSecretSessionConfig | TranslationSecretSessionConfig;
  /** Default `https://api.openai.com/v1`. */
  apiBaseUrl?: string;
  /** Lifetime of the key for creating a session: 10..7200, default 600. */
  expiresAfterSeconds?: number;
  /** Default 10 000 ms; a slower upstream answer fails with `upstream_timeout` (504). */
  timeoutMs?: number;
  /** Sent as `OpenAI-Safety-Identifier` (a hashed end-user id). */
  safetyIdentifier?: string;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** OpenAI's answer to `POST /realtime/client_secrets`, passed on as received. */
export interface ClientSecret {
  value: string;
  expires_at: number;
  session: Record<string, unknown>;
  [extra: string]: unknown;
}

export const DEFAULT_API_BASE_URL = 'https://api.openai.com/v1';
const DEFAULT_EXPIRES_AFTER = 600;
const DEFAULT_TIMEOUT_MS = 10_000;
// A secret with a large session config (long instructions, many tools) is tens of KB; nothing real comes near these.
export const MAX_SECRET_BYTES = 1024 * 1024;
// An error body is only mined for `error.message`, and that message is shortened anyway.
const MAX_ERROR_BYTES = 16 * 1024;

export function defaultApiKey(): string | undefined {
  // Edge runtimes may have no `process`.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.OPENAI_API_KEY || undefined;
}

export function validateExpiresAfter(seconds: number | undefined): number {
  const value = seconds ?? DEFAULT_EXPIRES_AFTER;
  if (!Number.isInteger(value) || value < 10 || value > 7200) {
    throw new RangeError(`expiresAfterSeconds must be a whole number from 10 to 7200 (OpenAI's limits); got ${value}.`);
  }
  return value;
}

/**
 * Mints an ephemeral key (`ek_...`) with `POST ${apiBaseUrl}/realtime/client_secrets`. Throws a
 * `ClientSecretError` whose `status` is the HTTP status a server should answer its caller with.
 */
export async function mintClientSecret(options: MintClientSecretOptions = {}): Promise<ClientSecret> {
  const apiKey = 'apiKey' in options ? options.apiKey : defaultApiKey();
  if (!apiKey) {
    throw new ClientSecretError(
      'missing_api_key',
      500,
      'No OpenAI API key on the server: set the OPENAI_API_KEY environment variable (or pass apiKey) where the key handler runs.',
    );
  }
  const seconds = validateExpiresAfter(options.expiresAfterSeconds);
  const base = (options.apiBaseUrl ?? DEFAULT_API_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  const headers: Record<string, string> = {
    Authorization: `Bearer ${apiKey}`,
    'Content-Type': 'application/json',
  };
  if (options.safetyIdentifier) headers['OpenAI-Safety-Identifier'] = options.safetyIdentifier;
  const kind = options.kind ?? 'realtime';
  const path = secretPath(kind);
  const body = JSON.stringify({
    expires_after: { anchor: 'created_at', seconds },
    session: sessionFor(kind, options.session),
  });

  const answer = await postUpstream({
    url: `${base}${path}`,
    what: 'the client secret request',
    where: `${describeUrl(base)}${path}`,
    init: { headers, body },
    apiKey,
    timeoutMs,
    maxBytes: { ok: MAX_SECRET_BYTES, error: MAX_ERROR_BYTES },
    signal: options.signal,
    fetch: options.fetch,
    fail: (code, message) => new ClientSecretError(code, code === 'upstream_timeout' ? 504 : 502, message),
  });
  const { response, text, truncated } = answer;
  if (!response.ok) throw upstreamFailure(answer, apiKey);
  if (truncated) {
    throw new ClientSecretError(
      'upstream_invalid_response',
      502,
      `OpenAI's answer to the client secret request was larger than ${MAX_SECRET_BYTES} bytes, so it was not read; check that apiBaseUrl points at the Realtime API.`,
      { upstreamStatus: response.status },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isClientSecret(parsed)) {
    throw new ClientSecretError(
      'upstream_invalid_response',
      502,
      'OpenAI answered the client secret request without a `value`; check that apiBaseUrl points at the Realtime API.',
      { upstreamStatus: response.status },
    );
  }
  return parsed;
}

export const CLIENT_SECRET_KINDS: readonly ClientSecretKind[] = ['realtime', 'transcription', 'translation'];

function secretPath(kind: ClientSecretKind): string {
  if (!CLIENT_SECRET_KINDS.includes(kind)) {
    throw new ClientSecretError(
      'invalid_session_kind',
      500,
      `kind must be 'realtime', 'transcription' or 'translation'; got ${String(kind)}.`,
    );
  }
  return kind === 'translation' ? '/realtime/translations/client_secrets' : '/realtime/client_secrets';
}

/** The session body for `kind`: the type set for realtime and transcription, none for translation (its own endpoint). */
function sessionFor(kind: ClientSecretKind, session: object | undefined): Record<string, unknown> {
  const config: Record<string, unknown> = { ...session };
  const type = config['type'];
  if (type !== undefined && type !== kind) {
    throw new ClientSecretError(
      'invalid_session_kind',
      500,
      `The session config says type ${JSON.stringify(type)} but the key is for a ${kind} session; set kind: ${JSON.stringify(type)} or drop the type.`,
    );
  }
  if (kind === 'translation') {
    delete config['type'];
    config['model'] ??= 'gpt-realtime-translate';
    return config;
  }
  return { ...config, type: kind };
}

function upstreamFailure(answer: UpstreamAnswer, apiKey: string): ClientSecretError {
  const { status, detail, upstream } = upstreamRefusal(answer, apiKey);
  if (status === 401 || status === 403) {
    return new ClientSecretError(
      'upstream_auth_failed',
      502,
      `OpenAI refused the server's API key (${status}: ${detail}). Check OPENAI_API_KEY and that its project may use the Realtime API.`,
      upstream,
    );
  }
  if (status === 429) {
    return new ClientSecretError(
      'upstream_rate_limited',
      429,
      `OpenAI is rate limiting key requests (${detail}); wait and try again.`,
      upstream,
    );
  }
  if (status >= 400 && status < 500) {
    return new ClientSecretError(
      'upstream_rejected',
      502,
      `OpenAI rejected the session config for the key (${status}: ${detail}); fix the session options of the key handler.`,
      upstream,
    );
  }
  return new ClientSecretError(
    'upstream_error',
    502,
    `OpenAI failed to mint a key (${status}: ${detail}); try again shortly.`,
    upstream,
  );
}

function isClientSecret(value: unknown): value is ClientSecret {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { value?: unknown }).value === 'string' &&
    (value as { value: string }).value.length > 0
  );
}
