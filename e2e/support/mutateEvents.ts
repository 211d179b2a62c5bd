import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { prng } from '../../test/support/prng';

const fixtures = fileURLToPath(new URL('../../../shared/fixtures/realtime/', import.meta.url));

/** Every recorded or published server event in ../shared/fixtures/realtime (single files and sequences). */
export function realServerEvents(): unknown[] {
  const events: unknown[] = [];
  for (const name of readdirSync(`${fixtures}events`)) {
    if (!name.endsWith('.json')) continue;
    events.push(JSON.parse(readFileSync(`${fixtures}events/${name}`, 'utf8')));
  }
  for (const name of readdirSync(`${fixtures}sequences`)) {
    for (const line of readFileSync(`${fixtures}sequences/${name}`, 'utf8').split('\n')) {
      if (line.trim()) events.push(JSON.parse(line));
    }
  }
  return events;
}

const WEIRD_VALUES: unknown[] = [
  null,
  0,
  -1,
  1e308,
  Number.MAX_SAFE_INTEGER,
  '',
  'x'.repeat(1_000),
  '\u0000\uFFFF\uD800',
  '<img src=x onerror=alert(1)>',
  [],
  [null],
  {},
  { __proto__: { polluted: true } },
  true,
  'item_shared',
  'resp_shared',
  'root',
];

const TYPES = [
  'conversation.item.added',
  'conversation.item.done',
  'conversation.item.deleted',
  'conversation.item.truncated',
  'response.created',
  'response.done',
  'response.output_audio_transcript.delta',
  'response.output_text.delta',
  'response.output_item.added',
  'output_audio_buffer.started',
  'output_audio_buffer.stopped',
  'input_audio_buffer.speech_started',
  'conversation.item.input_audio_transcription.delta',
  'error',
  'session.updated',
  'constructor',
  '__proto__',
  'hasOwnProperty',
];

function mutateValue(value: unknown, rand: () => number, depth: number): unknown {
  if (depth > 6 || rand() < 0.08) return WEIRD_VALUES[Math.floor(rand() * WEIRD_VALUES.length)];
  if (Array.isArray(value)) {
    const copy = value.map((v) => mutateValue(v, rand, depth + 1));
    if (rand() < 0.2) copy.reverse();
    if (rand() < 0.1) copy.push(...copy);
    return copy;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const r = rand();
      if (r < 0.07) continue; // dropped field
      if (key === 'type' && r < 0.15) {
        out.type = TYPES[Math.floor(rand() * TYPES.length)];
        continue;
      }
      out[key] = mutateValue(v, rand, depth + 1);
    }
    if (rand() < 0.05) Object.defineProperty(out, '__proto__', { value: { injected: true }, enumerable: true });
    return out;
  }
  return value;
}

/**
 * `count` hostile messages derived from real events: mutated payloads (wrong types, dropped fields, swapped
 * event types, shared ids so items collide, prototype keys), truncated JSON, non-objects and exact replays.
 */
export function mutatedMessages(count: number, seed: number, maxLength = 1_500): string[] {
  const rand = prng(seed);
  const base = realServerEvents();
  const out: string[] = [];
  while (out.length < count) {
    // The emulator's data channel (werift SCTP) moves about 15 KB/s of small messages; long ones are rare anyway.
    if (out.length > 0 && out[out.length - 1]!.length > maxLength) out.pop();
    const event = base[Math.floor(rand() * base.length)];
    const r = rand();
    if (r < 0.05) {
      const text = JSON.stringify(event);
      // Truncated JSON, never empty: the emulator's SCTP does not deliver an empty message at all.
      out.push(text.slice(0, 1 + Math.floor(rand() * (text.length - 1))));
    } else if (r < 0.08) {
      out.push(JSON.stringify(WEIRD_VALUES[Math.floor(rand() * WEIRD_VALUES.length)]));
    } else if (r < 0.25) {
      out.push(JSON.stringify(event)); // unchanged (duplicates and out-of-order replays)
    } else {
      out.push(JSON.stringify(mutateValue(event, rand, 0)));
    }
  }
  if (out.length > 0 && out[out.length - 1]!.length > maxLength) out.pop();
  while (out.length < count) out.push(JSON.stringify({ type: 'response.output_text.delta', delta: 'x' }));
  return out;
}
