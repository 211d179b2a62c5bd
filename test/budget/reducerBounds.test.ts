// Worst cases a broken or hostile server can send: items that all name one missing predecessor, items that all
// claim to be first, responses that never finish. Inserting an item must cost the same whatever the
// conversation size (checked as a time ratio between 2,000 and 20,000 items, which a quadratic insert misses
// by 10x), and what waits for something that may never come is capped, oldest dropped, with a warning.
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import {
  createInitialState,
  createRealtimeStore,
  reduceServerEvent,
  selectOrder,
  selectResponse,
  type RealtimeState,
} from '../../src/entries/core.js';
import { ev } from '../support/events.js';

const message = (id: string, previous: string | null) =>
  ev.added(id, 'user', previous, [{ type: 'input_text', text: id }]);

type Shape = (i: number) => unknown;
const shapes: Array<[string, Shape]> = [
  ['a chain, each after the one before', (i) => message(`i${i}`, i === 0 ? null : `i${i - 1}`)],
  ['all naming one missing predecessor', (i) => message(`i${i}`, 'missing')],
  ['all with previous_item_id null', (i) => message(`i${i}`, null)],
  ['each inserted after the first item', (i) => message(`i${i}`, i === 0 ? null : 'i0')],
];

function build(count: number, shape: Shape): [RealtimeState, number] {
  const events = Array.from({ length: count }, (_, i) => shape(i));
  let state = createInitialState();
  const t0 = performance.now();
  for (const event of events) state = reduceServerEvent(state, event);
  return [state, performance.now() - t0];
}

/**
 * Milliseconds for `rounds` conversations of `count` items each, best of `tries`: the same total number of
 * inserts at two conversation sizes costs about the same when an insert is O(1), and 10x more at the larger size
 * when it is O(n). Equal work keeps garbage collection and JIT effects alike on both sides.
 */
function timeFor(count: number, rounds: number, shape: Shape, tries: number): number {
  let best = Infinity;
  for (let t = 0; t < tries; t++) {
    let total = 0;
    for (let r = 0; r < rounds; r++) total += build(count, shape)[1];
    best = Math.min(best, total);
  }
  return best;
}

describe('inserting an item is O(1) amortised whatever its previous_item_id', () => {
  it.each(shapes)(
    '%s: 20,000 inserts cost about the same at 2,000 and at 20,000 items',
    (_label, shape) => {
      timeFor(2_000, 2, shape, 1); // warm-up: JIT, and a heap grown to the larger size
      timeFor(20_000, 1, shape, 1);
      let smallMs = Infinity;
      let largeMs = Infinity;
      for (let i = 0; i < 3; i++) {
        smallMs = Math.min(smallMs, timeFor(2_000, 10, shape, 1));
        largeMs = Math.min(largeMs, timeFor(20_000, 1, shape, 1));
      }
      const ratio = largeMs / smallMs;
      // Linear: about 1 (up to 3 or 4 with garbage collection of the larger heap and a busy machine); quadratic: 10
      // by arithmetic alone, 50 as measured before inserts were O(1).
      expect(
        ratio,
        `10 x 2,000 items: ${smallMs.toFixed(1)} ms, 1 x 20,000 items: ${largeMs.toFixed(1)} ms`,
      ).toBeLessThan(6);
      expect(selectOrder(build(20_000, shape)[0])).toHaveLength(20_000);
    },
    60_000,
  );

  it('keeps the order each shape asks for', () => {
    const ids = (count: number) => Array.from({ length: count }, (_, i) => `i${i}`);
    expect(selectOrder(build(5, shapes[0]![1])[0])).toEqual(ids(5));
    expect(selectOrder(build(5, shapes[1]![1])[0])).toEqual(ids(5));
    expect(selectOrder(build(5, shapes[2]![1])[0])).toEqual(ids(5).reverse());
    expect(selectOrder(build(5, shapes[3]![1])[0])).toEqual(['i0', 'i4', 'i3', 'i2', 'i1']);
  });
});

describe('what waits for something that may never come is capped', () => {
  it('keeps at most 64 responses without response.done, dropping the oldest with a warning', () => {
    let state = createInitialState();
    for (let i = 0; i < 10_000; i++) state = reduceServerEvent(state, ev.responseCreated(`r${i}`));
    expect(state.responses.size).toBeLessThanOrEqual(64);
    expect(selectResponse(state, 'r0')).toBeUndefined();
    expect(selectResponse(state, 'r9999')?.status).toBe('in_progress');
    expect(state.activeResponseId).toBe('r9999');
    expect(state.protocolWarning?.message).toMatch(/response/);
    expect(state.protocolWarning?.count).toBe(10_000 - 64);
    // Finished responses are history, not waiting: they are kept.
    let done = createInitialState();
    for (let i = 0; i < 200; i++) {
      done = reduceServerEvent(done, ev.responseCreated(`r${i}`));
      done = reduceServerEvent(done, ev.responseDone(`r${i}`));
    }
    expect(done.responses.size).toBe(200);
    expect(done.protocolWarning).toBeNull();
  });

  it('counts responses first seen in response.output_item.added against the same cap, and caps items per response', () => {
    let state = createInitialState();
    for (let i = 0; i < 1_000; i++) {
      state = reduceServerEvent(
        state,
        ev.outputItemAdded(`r${i}`, {
          id: `a${i}`,
          type: 'message',
          role: 'assistant',
          status: 'in_progress',
          content: [],
        }),
      );
    }
    expect(state.responses.size).toBe(64);
    expect(selectOrder(state)).toHaveLength(1_000);
    let one = createInitialState();
    for (let i = 0; i < 2_000; i++) {
      one = reduceServerEvent(
        one,
        ev.outputItemAdded('r', {
          id: `a${i}`,
          type: 'message',
          role: 'assistant',
          status: 'in_progress',
          content: [],
        }),
      );
    }
    expect(selectResponse(one, 'r')?.itemIds).toHaveLength(256);
    expect(selectOrder(one)).toHaveLength(2_000);
  });

  it('keeps at most 256 orphans per missing predecessor, dropping the oldest with a warning', () => {
    const [state] = build(20_000, shapes[1]![1]);
    expect(state.orphans['missing']).toHaveLength(256);
    expect(state.orphans['missing']?.[255]).toBe('i19999');
    expect(state.protocolWarning?.message).toMatch(/previous_item_id/);
    // When the predecessor arrives, the orphans still tracked move in behind it; the rest stay where they are.
    const after = reduceServerEvent(state, message('missing', null));
    const order = selectOrder(after);
    expect(order[0]).toBe('missing');
    expect(order[1]).toBe('i19744');
    expect(order.at(-1)).toBe('i19743');
    expect(order).toHaveLength(20_001);
  });

  it('tracks at most 256 missing predecessors; items naming more simply stay last, with a warning', () => {
    let state = createInitialState();
    for (let i = 0; i < 1_000; i++) state = reduceServerEvent(state, message(`i${i}`, `gone${i}`));
    const keys = Object.keys(state.orphans);
    expect(keys).toHaveLength(256);
    expect(keys).toContain('gone0');
    expect(keys).not.toContain('gone999');
    expect(selectOrder(state).at(-1)).toBe('i999');
    expect(state.protocolWarning?.count).toBe(1_000 - 256);
  });

  it('the store reports each dropped entry to onWarning and the event log', () => {
    const warnings: string[] = [];
    const store = createRealtimeStore({ onWarning: (text) => warnings.push(text) });
    for (let i = 0; i < 66; i++) store.receive(ev.responseCreated(`r${i}`));
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toMatch(/response/);
    expect(store.eventLog.toArray().filter((entry) => entry.type === 'warning')).toHaveLength(2);
  });
});
