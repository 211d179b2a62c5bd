// OpenAI's "Incorrect API key provided: sk-proj-abc***xyz" quotes part of the key; none of it leaves the server.
const KEY_PATTERN = /\b(?:sk|rk|ek)-[A-Za-z0-9_*.-]*|\bek_[A-Za-z0-9_*.-]+/g;

/** Removes the API key and anything shaped like an OpenAI key from a message meant for a browser or a log. */
export function redactSecrets(text: string, apiKey?: string): string {
  let out = text;
  if (apiKey) out = out.split(apiKey).join('[redacted]');
  return out.replace(KEY_PATTERN, '[redacted]');
}
