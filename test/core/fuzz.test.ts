import { describe, expect, it } from 'vitest';
import {
  createInitialState,
  normalizeServerEvent,
  reduceServerEvent,
  selectOrder,
  selectTranscript,
  type RealtimeState,
} from '../../src/entries/core.js';
import { applyServerEvent } from '../../src/core/state/applyServerEvent.js';
import { tableGet, tableToRecord } from '../../src/core/state/KeyedTable.js';
import { sequenceEvents, SEQUENCES, serverEventFixtures } from '../fixtures/realtimeFixtures.js';
import { prng } from '../support/prng.js';

const corpus: unknown[] = [
  ...serverEventFixtures().map((f) => f.value),
  ...sequenceEvents(SEQUENCES.betaWebRtc),
  ...sequenceEvents(SEQUENCES.betaText),
];
const weird: unknown[] = [
  null,
  undefined,
  0,
  -1,
  1e308,
  NaN,
  '',
  'x',
  '__proto__',
  'constructor',
  'prototype',
  true,
  [],
  [1, 'a'],
  {},
  { toString: 1 },
  'item_Azlw7iougdsUbAxtNIK43',
  'resp_AzlwKj24TCThD6sk18uTS',
  { id: '__proto__' },
  'a'.repeat(2000),
];
const hostileKeys = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString'];

function mutate(value: unknown, rand: () => number, depth = 0): unknown {
  if (depth > 4 || typeof value !== 'object' || value === null) {
    return rand() < 0.3 ? weird[Math.floor(rand() * weird.length)] : value;
  }
  if (Array.isArray(value)) {
    const out = value.map((v: unknown) => (rand() < 0.2 ? mutate(v, rand, depth + 1) : v));
    if (rand() < 0.1) out.push(weird[Math.floor(rand() * weird.length)]);
    return out;
  }
  // Build from JSON so `__proto__` ends up as an own data property, as JSON.parse would make it.
  const entries = Object.entries(value as Record<string, unknown>);
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) {
    const r = rand();
    if (r < 0.08) continue; // drop a field
    if (r < 0.2)
      out[key] = weird[Math.floor(rand() * weird.length)]; // wrong type
    else if (r < 0.35) out[key] = mutate(v, rand, depth + 1);
    else out[key] = v;
    if (key === 'type' && rand() < 0.05)
      out[key] = (corpus[Math.floor(rand() * corpus.length)] as { type?: unknown }).type;
  }
  if (rand() < 0.15)
    out[hostileKeys[Math.floor(rand() * hostileKeys.length)] as string] = { polluted: true, type: 'error' };
  let result: unknown = out;
  if (rand() < 0.1) {
    const key = hostileKeys[Math.floor(rand() * hostileKeys.length)] as string;
    const json = JSON.stringify(out);
    result = JSON.parse(`{"${key}":{"polluted":true}${json === '{}' ? '' : ','}${json.slice(1)}`);
  }
  if (rand() < 0.05 && typeof (result as Record<string, unknown>)['item_id'] === 'string') {
    (result as Record<string, unknown>)['item_id'] = hostileKeys[Math.floor(rand() * 3)];
  }
  return result;
}

function assertConsistent(state: RealtimeState, label: string): void {
  const items = tableToRecord(state.items);
  const ids = Object.keys(items);
  const order = selectOrder(state);
  expect(order.length, `${label}: order size`).toBe(state.order.size - 1); // and the end marker
  expect(new Set(order).size, `${label}: duplicate ids in order`).toBe(order.length);
  for (const id of order) expect(Object.hasOwn(items, id), `${label}: ${id} in order but not in items`).toBe(true);
  expect(ids.length, `${label}: items missing from order`).toBe(order.length);
  // The links hold both ways: walking back from the tail gives the same order.
  const backwards: string[] = [];
  for (
    let id = tableGet(state.order, '')?.[0];
    id !== undefined && id !== '' && backwards.length <= order.length;
    id = tableGet(state.order, id)?.[0]
  ) {
    backwards.push(id);
  }
  expect(backwards.reverse(), `${label}: links`).toEqual(order);
  expect(state.items.size).toBe(ids.length);
  for (const entry of selectTranscript(state)) {
    expect(typeof entry.text, label).toBe('string');
    expect(['user', 'assistant', 'system']).toContain(entry.role);
  }
}

function assertNoPollution(): void {
  const probe: Record<string, unknown> = {};
  expect(probe['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf(probe)).toBe(Object.prototype);
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(typeof Object.prototype.toString).toBe('function');
  expect(typeof Object.prototype.hasOwnProperty).toBe('function');
}

describe('reducer fuzz', () => {
  const ROUNDS = 400;
  const EVENTS_PER_ROUND = 60;

  it(`never throws, never pollutes prototypes, keeps order and items consistent (${ROUNDS} x ${EVENTS_PER_ROUND} mutated events)`, () => {
    let total = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const seed = 0x5eed + round;
      const rand = prng(seed);
      // Start from a real conversation half the time, so mutations hit existing items.
      const base = rand() < 0.5 ? sequenceEvents(SEQUENCES.betaWebRtc).slice(0, Math.floor(rand() * 99)) : [];
      const stream: unknown[] = [...base];
      for (let i = 0; i < EVENTS_PER_ROUND; i++) {
        const source = corpus[Math.floor(rand() * corpus.length)];
        const r = rand();
        if (r < 0.1 && stream.length > 0)
          stream.push(stream[Math.floor(rand() * stream.length)]); // duplicate
        else if (r < 0.2)
          stream.push(source); // untouched
        else stream.push(mutate(source, rand));
      }
      // Shuffle the mutated tail.
      for (let i = stream.length - 1; i > base.length; i--) {
        const j = base.length + Math.floor(rand() * (i - base.length + 1));
        [stream[i], stream[j]] = [stream[j], stream[i]];
      }
      let guarded = createInitialState();
      let bare = createInitialState();
      for (const event of stream) {
        guarded = reduceServerEvent(guarded, event);
        // The bare body, without the last-resort try/catch, must not throw either.
        const normalized = normalizeServerEvent(event);
        if (normalized !== null) {
          try {
            bare = applyServerEvent(bare, normalized);
          } catch (error) {
            throw new Error(`seed ${seed}: ${JSON.stringify(event)?.slice(0, 300)}: ${String(error)}`, {
              cause: error,
            });
          }
        }
        total++;
      }
      expect(bare).toEqual(guarded);
      assertConsistent(guarded, `seed ${seed}`);
      assertNoPollution();
    }
    expect(total).toBeGreaterThan(ROUNDS * EVENTS_PER_ROUND);
    // About 2 s alone; the margin is for a machine busy with other test files.
  }, 30_000);

  it('never corrupts what is already there: a hostile event leaves other items untouched', () => {
    const full = sequenceEvents(SEQUENCES.betaWebRtc).reduce(reduceServerEvent, createInitialState());
    const before = selectTranscript(full);
    const hostile = [
      JSON.parse(
        '{"type":"conversation.item.added","__proto__":{"polluted":1},"item":{"id":"__proto__","type":"message","role":"user","content":[{"type":"input_text","text":"p"}]}}',
      ),
      JSON.parse('{"type":"response.output_audio_transcript.delta","item_id":"constructor","delta":"x"}'),
      { type: 'conversation.item.deleted', item_id: 'prototype' },
      { type: 'response.done', response: { id: 'constructor', status: 'cancelled', output: [{ id: 'toString' }] } },
      { type: 'conversation.item.truncated', item_id: 'hasOwnProperty', audio_end_ms: '12' },
    ];
    const after = hostile.reduce(reduceServerEvent, full);
    const transcript = selectTranscript(after);
    for (const entry of before) expect(transcript).toContain(entry);
    expect(transcript.find((e) => e.id === '__proto__')?.text).toBe('p');
    assertConsistent(after, 'hostile');
    assertNoPollution();
  });
});
