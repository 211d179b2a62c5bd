// OpenAI's "Incorrect API key provided: sk-proj-abc***xyz" quotes part of the key; none of it leaves the server.
const KEY_PATTERN = /\b(?:sk|rk|ek)-[A-Za-z0-9_*.-]*|\bek_[A-Za-z0-9_*.-]+/g;
// `https://user:password@host` in a configured URL (fetch quotes the whole URL when it refuses one).
const URL_CREDENTIALS = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*@/gi;
// A query string can carry a token too (`?api_key=...`).
const URL_QUERY = /\b([a-z][a-z0-9+.-]*:\/\/[^\s?#]*)\?[^\s#)'"]*/gi;

/**
 * Removes the API key, anything shaped like an OpenAI key, and credentials or query strings in URLs from a
 * message meant for a browser or a log.
 */
export function redactSecrets(text: string, apiKey?: string): string {
  let out = text;
  if (apiKey) out = out.split(apiKey).join('[redacted]');
  return out
    .replace(KEY_PATTERN, '[redacted]')
    .replace(URL_CREDENTIALS, '$1[redacted]@')
    .replace(URL_QUERY, '$1?[redacted]');
}

/**
 * A copy of `cause` that is safe to hand to onError or a log: message and stack (and the causes it carries)
 * without the key. Errors thrown by the caller's own code (authorize, override policies) can quote it.
 */
export function redactCause(cause: unknown, apiKey?: string, depth = 0): unknown {
  if (typeof cause === 'string') return redactSecrets(cause, apiKey);
  if (!(cause instanceof Error)) return cause;
  const inner =
    depth < 5 && cause.cause !== undefined ? { cause: redactCause(cause.cause, apiKey, depth + 1) } : undefined;
  const copy = new Error(redactSecrets(cause.message, apiKey), inner);
  copy.name = cause.name;
  if (cause.stack !== undefined) copy.stack = redactSecrets(cause.stack, apiKey);
  return copy;
}
