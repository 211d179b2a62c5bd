import type { RealtimeError } from '../../core/errors.js';

export const DEFAULT_API_BASE_URL = 'https://api.openai.com/v1';

/** `${apiBaseUrl}/realtime/calls`, tolerating a trailing slash on the base. */
export function callsUrl(apiBaseUrl: string = DEFAULT_API_BASE_URL): string {
  return `${apiBaseUrl.replace(/\/+$/, '')}/realtime/calls`;
}

/** The call id from `Location: /v1/realtime/calls/rtc_...` (relative or absolute, query ignored). */
export function callIdFromLocation(location: string | null | undefined): string | null {
  if (!location) return null;
  const path = location.split(/[?#]/, 1)[0] ?? '';
  const last = path.replace(/\/+$/, '').split('/').pop();
  return last ? decodeURIComponent(last) : null;
}

export interface OpenAiErrorBody {
  message: string;
  type?: string;
  code?: string;
  param?: string;
}

/** Reads OpenAI's `{ error: { message, type, code, param } }`; plain text bodies become the message. */
export function parseOpenAiError(text: string): OpenAiErrorBody | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const trimmed = text.trim();
    return trimmed ? { message: trimmed.slice(0, 300) } : undefined;
  }
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error === 'string') return { message: error };
  if (typeof error !== 'object' || error === null) return undefined;
  const { message, type, code, param } = error as Record<string, unknown>;
  if (typeof message !== 'string') return undefined;
  const out: OpenAiErrorBody = { message };
  if (typeof type === 'string') out.type = type;
  if (typeof code === 'string') out.code = code;
  if (typeof param === 'string') out.param = param;
  return out;
}

/** The `RealtimeError` options that carry what the server said (its type, code and param) and the HTTP status. */
export function errorOptionsFrom(
  server:
    { type?: string | undefined; code?: string | null | undefined; param?: string | null | undefined } | undefined,
  status?: number,
): ConstructorParameters<typeof RealtimeError>[2] {
  const options: ConstructorParameters<typeof RealtimeError>[2] = {};
  if (status !== undefined) options.status = status;
  if (server?.type) options.serverType = server.type;
  if (server?.code) options.serverCode = server.code;
  if (server?.param) options.param = server.param;
  return options;
}

/** A usable SDP answer starts with the version line. */
export function looksLikeSdp(text: string): boolean {
  return /^\s*v=0\r?\n/.test(text);
}
