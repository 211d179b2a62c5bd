/** Client events kept per call: the newest ones, so a long or hostile session cannot grow memory without bound. */
const MAX_EVENTS = 1_000;
/** Longer strings (appended audio) are kept as a summary. */
const MAX_STRING = 256;

export type RecordedClientEvent = Record<string, unknown> & { type: string; received_at: number };

function summarise(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `<${value.length} characters>` : value;
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 8) return '<nested too deep>';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => summarise(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = summarise(v, depth + 1);
  return out;
}

/** What the client sent, in order, so tests can assert on it (e.g. the `audio_end_ms` of a truncate). */
export class ClientEventLog {
  private readonly events: RecordedClientEvent[] = [];
  /** Events dropped to stay within the cap. */
  dropped = 0;

  record(event: Record<string, unknown> & { type: string }): void {
    this.events.push({
      ...(summarise(event, 0) as Record<string, unknown>),
      type: event.type,
      received_at: Date.now(),
    });
    if (this.events.length > MAX_EVENTS) {
      this.events.shift();
      this.dropped++;
    }
  }

  list(type?: string): RecordedClientEvent[] {
    return structuredClone(type ? this.events.filter((e) => e.type === type) : this.events);
  }
}
