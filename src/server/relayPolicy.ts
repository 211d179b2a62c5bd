/**
 * What a relay lets the browser change. A browser on a relay talks to a session the server pays for and
 * configured, so by default it may not rewrite what the model is told or can do: `session.update` and
 * `response.create` may not carry instructions, tools, a prompt or the model unless the app allows them.
 */
export const DEFAULT_GUARDED_FIELDS: readonly string[] = [
  'instructions',
  'tools',
  'tool_choice',
  'prompt',
  'model',
  'tracing',
];

export interface RelayRefusal {
  message: string;
  param: string;
}

/** The refusal for `event`, or null when it may pass. `allowed`: guarded fields the app lets the browser set. */
export function checkClientEvent(event: unknown, allowed: ReadonlySet<string>): RelayRefusal | null {
  if (typeof event !== 'object' || event === null)
    return { message: 'The relay forwards JSON objects only.', param: '' };
  const { type } = event as { type?: unknown };
  if (typeof type !== 'string') return { message: 'A client event needs a string "type".', param: 'type' };
  const body =
    type === 'session.update'
      ? (event as { session?: unknown }).session
      : type === 'response.create'
        ? (event as { response?: unknown }).response
        : undefined;
  if (typeof body !== 'object' || body === null) return null;
  const field = (type === 'session.update' ? 'session' : 'response') as string;
  for (const key of DEFAULT_GUARDED_FIELDS) {
    if (Object.hasOwn(body, key) && !allowed.has(key)) {
      return {
        message: `The relay refused this ${type}: ${field}.${key} is set by the server. Leave it out, or allow it on the server with createRealtimeRelay({ allowClientFields: ['${key}'] }).`,
        param: `${field}.${key}`,
      };
    }
  }
  return null;
}
