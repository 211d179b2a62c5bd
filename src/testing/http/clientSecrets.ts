import type { IncomingMessage } from 'node:http';
import { applyHttpFaults } from '../emulatorContext.js';
import type { EmulatorContext } from '../emulatorContext.js';
import { newHexId } from '../ids.js';
import { openAiError } from '../openAiError.js';
import {
  defaultSessionConfig,
  defaultTranscriptionSessionConfig,
  defaultTranslationSessionConfig,
  mergeSessionConfig,
  validateSessionPatch,
} from '../sessionConfig.js';
import type { SessionConfig } from '../sessionConfig.js';
import { HttpError, bearer, parseJson, readBody } from './requests.js';

// Apart from the call routes because the WebSocket route redeems `ek_` keys too (sessionForSecret).

export const NO_KEY =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).";

/** The session an `ek_` secret carries, or the 401 OpenAI gives for it. */
export function sessionForSecret(context: EmulatorContext, key: string): SessionConfig {
  const secret = context.secrets.get(key);
  if (secret === 'unknown')
    throw new HttpError(
      401,
      openAiError(
        'Incorrect API key provided: the client secret is unknown. Mint a new one with POST /v1/realtime/client_secrets.',
        'invalid_api_key',
      ),
    );
  if (secret === 'expired')
    throw new HttpError(
      401,
      openAiError(
        'The client secret has expired. Mint a new one with POST /v1/realtime/client_secrets and connect again.',
        'expired_api_key',
      ),
    );
  return structuredClone(secret.session);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export async function mintSecret(
  context: EmulatorContext,
  req: IncomingMessage,
  translation = false,
): Promise<unknown> {
  const key = bearer(req);
  if (!key) throw new HttpError(401, openAiError(NO_KEY, null));
  if (key.startsWith('ek_')) {
    throw new HttpError(
      401,
      openAiError(
        'Ephemeral client secrets cannot mint client secrets. Use a standard API key on your server.',
        'invalid_api_key',
      ),
    );
  }
  await applyHttpFaults(context, 'client_secrets');
  const body = parseJson(await readBody(req));
  const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const expiresAfter = request.expires_after as Record<string, unknown> | undefined;
  let ttl = context.secretTtlSeconds;
  if (expiresAfter !== undefined) {
    const seconds = expiresAfter?.seconds;
    if (expiresAfter?.anchor !== undefined && expiresAfter.anchor !== 'created_at') {
      throw new HttpError(
        400,
        openAiError(
          "Invalid 'expires_after.anchor': only 'created_at' is supported.",
          'invalid_value',
          'expires_after.anchor',
        ),
      );
    }
    if (seconds !== undefined) {
      // OpenAI accepts 10..7200; shorter lifetimes are allowed here so tests can watch a key expire.
      if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 7200) {
        throw new HttpError(
          400,
          openAiError(
            "Invalid 'expires_after.seconds': expected a number of seconds up to 7200.",
            'invalid_value',
            'expires_after.seconds',
          ),
        );
      }
      ttl = seconds;
    }
  }
  const transcription = !translation && isRecord(request.session) && request.session.type === 'transcription';
  let session = translation
    ? defaultTranslationSessionConfig()
    : transcription
      ? defaultTranscriptionSessionConfig()
      : defaultSessionConfig();
  if (request.session !== undefined) {
    const problem = validateSessionPatch(request.session, translation ? session : null);
    if (problem) throw new HttpError(400, openAiError(problem.message, problem.code, problem.param));
    session = mergeSessionConfig(session, request.session as Record<string, unknown>);
    const model = (request.session as Record<string, unknown>).model;
    if (typeof model === 'string' && !transcription) session.model = model;
  }
  const value = newHexId('ek');
  context.secrets.add({ value, expiresAt: Date.now() + ttl * 1000, session });
  return { value, expires_at: Math.floor(Date.now() / 1000 + ttl), session };
}
