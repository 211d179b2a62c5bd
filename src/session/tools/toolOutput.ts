// How a handler's result or failure becomes text the model can read.

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

/** What the handler returned, as the output string the model reads. */
export function toToolOutput(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '{"ok":true}';
  try {
    const json = JSON.stringify(value);
    return json === undefined ? '{"ok":true}' : json;
  } catch (error) {
    throw new Error(`the result could not be turned into JSON (${messageOf(error)})`, { cause: error });
  }
}
