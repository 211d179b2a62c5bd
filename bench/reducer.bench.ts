/**
 * Reducer benchmark: `npm run bench:reducer`.
 *
 * 1. Throughput over a long synthetic voice session (wire JSON -> parseServerEvent -> reduceServerEvent), with
 *    JSON.parse alone as the floor.
 * 2. The cost of one streaming transcript delta at conversation sizes 100, 1,000 and 10,000 items. It must not
 *    grow with the conversation: the 10,000/100 ratio must stay <= 1.5 (the script exits 1 otherwise).
 * 3. Worst-case inserts: 2,000 and 20,000 items whose `previous_item_id` chains, names one missing item, is null,
 *    or always names the first item. An insert costs the same wherever it goes, so per item the two sizes match.
 */
import { performance } from 'node:perf_hooks';
import {
  createInitialState,
  parseServerEvent,
  reduceServerEvent,
  selectItem,
  selectOrder,
  type RealtimeState,
} from '../src/entries/core.js';
import { buildWireSession, eid, reducedTurns, streamingDeltas } from './syntheticSession.js';

const TURNS = 1000;
const DELTAS_PER_TURN = 50;
const SIZES = [100, 1_000, 10_000] as const;
const DELTAS_PER_SAMPLE = 20_000;
const SAMPLES = 7;
const MAX_RATIO = 1.5;

function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function table(headers: string[], rows: string[][]): void {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(' | ')} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------------------------------------------------
// 1. Throughput over a long session

function throughput(): void {
  const wire = buildWireSession(TURNS, DELTAS_PER_TURN);
  const runParse = () => {
    const t0 = performance.now();
    let sink = 0;
    for (const line of wire) sink += (JSON.parse(line) as { type: string }).type.length;
    return [performance.now() - t0, sink] as const;
  };
  const runFull = () => {
    const t0 = performance.now();
    let state = createInitialState();
    for (const line of wire) {
      const parsed = parseServerEvent(line);
      if (parsed.ok) state = reduceServerEvent(state, parsed.event);
    }
    return [performance.now() - t0, state] as const;
  };
  runParse();
  runFull();
  const parseMs = median([runParse()[0], runParse()[0], runParse()[0]]);
  const fullRuns = [runFull(), runFull(), runFull()];
  const fullMs = median(fullRuns.map((r) => r[0]));
  const final = fullRuns[0]?.[1] as RealtimeState;
  if (selectOrder(final).length !== TURNS * 2)
    throw new Error(`expected ${TURNS * 2} items, got ${selectOrder(final).length}`);

  console.log(
    `\nLong session: ${fmt(TURNS)} turns x ${DELTAS_PER_TURN} transcript deltas = ${fmt(wire.length)} wire events, ${fmt(selectOrder(final).length)} items\n`,
  );
  table(
    ['pipeline', 'total ms', 'events/s', 'ns/event'],
    [
      [
        'JSON.parse only (floor)',
        fmt(parseMs, 1),
        fmt(wire.length / (parseMs / 1000)),
        fmt((parseMs * 1e6) / wire.length),
      ],
      [
        'parseServerEvent + reduceServerEvent',
        fmt(fullMs, 1),
        fmt(wire.length / (fullMs / 1000)),
        fmt((fullMs * 1e6) / wire.length),
      ],
    ],
  );
}

// ---------------------------------------------------------------------------------------------------------
// 2. One streaming delta at growing conversation sizes

function conversationOf(items: number): { state: RealtimeState; streamingId: string } {
  const { state: conversation, lastId: previous } = reducedTurns(items / 2, 2);
  let state = conversation;
  const streamingId = 'item_streaming';
  state = reduceServerEvent(state, {
    type: 'response.created',
    event_id: eid(),
    response: { id: 'resp_streaming', status: 'in_progress', output: [], conversation_id: 'conv_1' },
  });
  state = reduceServerEvent(state, {
    type: 'response.output_item.added',
    event_id: eid(),
    response_id: 'resp_streaming',
    output_index: 0,
    item: { id: streamingId, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
  });
  state = reduceServerEvent(state, {
    type: 'conversation.item.added',
    event_id: eid(),
    previous_item_id: previous,
    item: { id: streamingId, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
  });
  return { state, streamingId };
}

function deltaCost(): boolean {
  const deltas = streamingDeltas(DELTAS_PER_SAMPLE, 'resp_streaming', 'item_streaming');
  const wire = deltas.map((d) => JSON.stringify(d));
  const setups = SIZES.map((size) => ({ size, ...conversationOf(size) }));
  const reduceSamples = new Map<number, number[]>(SIZES.map((s) => [s, []]));
  const wireSamples = new Map<number, number[]>(SIZES.map((s) => [s, []]));

  // Interleave sizes so machine noise hits all of them alike.
  for (let round = 0; round < SAMPLES + 1; round++) {
    for (const { size, state: initial, streamingId } of setups) {
      let state = initial;
      let t0 = performance.now();
      for (const delta of deltas) state = reduceServerEvent(state, delta);
      const reduceNs = ((performance.now() - t0) * 1e6) / deltas.length;
      if ((selectItem(state, streamingId)?.text.length ?? 0) !== DELTAS_PER_SAMPLE * 2)
        throw new Error('deltas were not applied');
      // Untouched items keep their identity.
      const firstId = selectOrder(initial)[0] as string;
      if (selectItem(state, firstId) !== selectItem(initial, firstId))
        throw new Error('an untouched item changed identity');

      state = initial;
      t0 = performance.now();
      for (const line of wire) {
        const parsed = parseServerEvent(line);
        if (parsed.ok) state = reduceServerEvent(state, parsed.event);
      }
      const wireNs = ((performance.now() - t0) * 1e6) / wire.length;
      if (round > 0) {
        reduceSamples.get(size)?.push(reduceNs);
        wireSamples.get(size)?.push(wireNs);
      }
    }
  }

  const reduceNs = new Map(SIZES.map((s) => [s, median(reduceSamples.get(s) ?? [])]));
  const wireNs = new Map(SIZES.map((s) => [s, median(wireSamples.get(s) ?? [])]));
  const small = SIZES[0];
  console.log(`\nOne streaming transcript delta (median of ${SAMPLES} x ${fmt(DELTAS_PER_SAMPLE)} deltas)\n`);
  table(
    ['conversation items', 'reduce ns/delta', 'parse + reduce ns/delta', `vs ${small}`],
    setups.map(({ size, state }) => [
      fmt(selectOrder(state).length),
      fmt(reduceNs.get(size) ?? 0),
      fmt(wireNs.get(size) ?? 0),
      `${fmt((reduceNs.get(size) ?? 0) / (reduceNs.get(small) ?? 1), 2)}x`,
    ]),
  );
  const ratio = (reduceNs.get(10_000) ?? 0) / (reduceNs.get(100) ?? 1);
  const wireRatio = (wireNs.get(10_000) ?? 0) / (wireNs.get(100) ?? 1);
  const ok = ratio <= MAX_RATIO;
  console.log(
    `\nratio 10,000/100 items: reduce ${fmt(ratio, 2)}x, parse + reduce ${fmt(wireRatio, 2)}x (limit ${MAX_RATIO}x): ${ok ? 'OK' : 'TOO SLOW'}`,
  );
  return ok;
}

// ---------------------------------------------------------------------------------------------------------
// 3. Worst-case inserts

function worstCaseInserts(): void {
  const message = (id: string, previous: string | null) => ({
    type: 'conversation.item.added',
    previous_item_id: previous,
    item: { id, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: id }] },
  });
  const shapes: Array<[string, (i: number) => unknown]> = [
    ['chained', (i) => message(`i${i}`, i === 0 ? null : `i${i - 1}`)],
    ['one missing predecessor', (i) => message(`i${i}`, 'missing')],
    ['previous_item_id null', (i) => message(`i${i}`, null)],
    ['all after the first', (i) => message(`i${i}`, i === 0 ? null : 'i0')],
  ];
  const build = (count: number, shape: (i: number) => unknown): number => {
    const events = Array.from({ length: count }, (_, i) => shape(i));
    let state = createInitialState();
    const t0 = performance.now();
    for (const event of events) state = reduceServerEvent(state, event);
    if (selectOrder(state).length !== count) throw new Error('items were lost');
    return performance.now() - t0;
  };
  console.log('\nWorst-case inserts (median of 5 builds)\n');
  table(
    ['previous_item_id', '2,000 items ms', '20,000 items ms', 'us/item at 2,000', 'us/item at 20,000'],
    shapes.map(([label, shape]) => {
      build(2_000, shape);
      const small = median(Array.from({ length: 5 }, () => build(2_000, shape)));
      const large = median(Array.from({ length: 5 }, () => build(20_000, shape)));
      return [label, fmt(small, 1), fmt(large, 1), fmt((small * 1000) / 2_000, 2), fmt((large * 1000) / 20_000, 2)];
    }),
  );
}

throughput();
const flat = deltaCost();
worstCaseInserts();
if (!flat) process.exitCode = 1;
