/**
 * Event throughput: one long synthetic session from wire JSON to conversation state.
 *
 * - JSON.parse alone: the floor.
 * - talkwire, reducer only: parseServerEvent + reduceServerEvent.
 * - talkwire, store: createRealtimeStore().receive(), as a session feeds it (event log on, one subscriber).
 * - agents-realtime: a RealtimeSession on a transport built on its OpenAIRealtimeBase, fed through the base's
 *   own message handler `_onMessage({ data })`, the one its WebRTC transport calls for every data-channel
 *   message. Only the network is left out: connect() resolves at once and sending is dropped. The session's
 *   history must hold every item at the end, so the work measured is the real one.
 *
 * Then the cost of one streaming delta at 100, 1,000 and 10,000 items (it must not grow).
 */
import { performance } from 'node:perf_hooks';
import { OpenAIRealtimeBase, RealtimeAgent, RealtimeSession } from '@openai/agents-realtime';
import {
  createInitialState,
  createRealtimeStore,
  parseServerEvent,
  reduceServerEvent,
  selectItem,
  selectOrder,
  type RealtimeState,
} from '../src/entries/core.js';
import { buildWireSession, reducedTurns, streamingDeltas } from './syntheticSession.js';

export interface ThroughputRow {
  pipeline: string;
  ms: number;
  nsPerEvent: number;
}

export interface ThroughputResult {
  events: number;
  items: number;
  rows: ThroughputRow[];
  /** talkwire store vs agents-realtime, and vs JSON.parse. */
  speedupVsAgents: number;
  vsJsonParse: number;
  reducerVsJsonParse: number;
  perDelta: Array<{ items: number; reduceNs: number; wireNs: number }>;
  flatRatio: number;
}

/** Collects the previous run's garbage first, so no run pays for another's (bench/run.ts runs with --expose-gc). */
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

/** agents-realtime's transport base with the network left out; `_onMessage` is its real message handler. */
class OfflineTransport extends OpenAIRealtimeBase {
  #status: 'connected' | 'disconnected' = 'disconnected';
  readonly muted = false;
  get status() {
    return this.#status;
  }
  async connect(): Promise<void> {
    this.#status = 'connected';
  }
  sendEvent(): void {}
  mute(): void {}
  close(): void {
    this.#status = 'disconnected';
  }
  interrupt(): void {}
  receive(data: string): void {
    (this as unknown as { _onMessage(event: { data: string }): void })._onMessage({ data });
  }
}

async function agentsRealtimeRun(wire: string[]): Promise<{ ms: number; items: number }> {
  const transport = new OfflineTransport();
  const session = new RealtimeSession(new RealtimeAgent({ name: 'bench', instructions: 'bench' }), { transport });
  await session.connect({ apiKey: 'ek_bench' });
  const t0 = performance.now();
  for (const line of wire) transport.receive(line);
  const ms = performance.now() - t0;
  const items = session.history.length;
  session.close();
  return { ms, items };
}

function parseOnly(wire: string[]): number {
  const t0 = performance.now();
  let sink = 0;
  for (const line of wire) sink += (JSON.parse(line) as { type: string }).type.length;
  const ms = performance.now() - t0;
  if (sink === 0) throw new Error('nothing parsed');
  return ms;
}

function reducerRun(wire: string[]): { ms: number; state: RealtimeState } {
  const t0 = performance.now();
  let state = createInitialState();
  for (const line of wire) {
    const parsed = parseServerEvent(line);
    if (parsed.ok) state = reduceServerEvent(state, parsed.event);
  }
  return { ms: performance.now() - t0, state };
}

function storeRun(wire: string[]): { ms: number; state: RealtimeState } {
  const store = createRealtimeStore();
  let notified = 0;
  store.subscribe(() => {
    notified++;
  });
  const t0 = performance.now();
  for (const line of wire) store.receive(line);
  const ms = performance.now() - t0;
  if (notified === 0) throw new Error('the store never notified');
  return { ms, state: store.getState() };
}

function conversationOf(items: number): RealtimeState {
  const { state: conversation, lastId: previous } = reducedTurns(items / 2, 2);
  let state = conversation;
  state = reduceServerEvent(state, {
    type: 'response.created',
    response: { id: 'resp_s', status: 'in_progress', output: [], conversation_id: 'conv_1' },
  });
  state = reduceServerEvent(state, {
    type: 'conversation.item.added',
    previous_item_id: previous,
    item: { id: 'item_s', type: 'message', role: 'assistant', status: 'in_progress', content: [] },
  });
  return state;
}

function perDeltaCost(): { perDelta: ThroughputResult['perDelta']; flatRatio: number } {
  const N = 20_000;
  const deltas = streamingDeltas(N, 'resp_s', 'item_s');
  const wire = deltas.map((d) => JSON.stringify(d));
  const sizes = [100, 1_000, 10_000];
  const setups = sizes.map((size) => ({ size, state: conversationOf(size) }));
  const reduce = new Map<number, number[]>(sizes.map((s) => [s, []]));
  const full = new Map<number, number[]>(sizes.map((s) => [s, []]));
  for (let round = 0; round < 6; round++) {
    for (const { size, state: initial } of setups) {
      let state = initial;
      let t0 = performance.now();
      for (const d of deltas) state = reduceServerEvent(state, d);
      const r = ((performance.now() - t0) * 1e6) / N;
      if (selectItem(state, 'item_s')?.text.length !== N * 2) throw new Error('deltas were not applied');
      state = initial;
      t0 = performance.now();
      for (const line of wire) {
        const parsed = parseServerEvent(line);
        if (parsed.ok) state = reduceServerEvent(state, parsed.event);
      }
      const w = ((performance.now() - t0) * 1e6) / N;
      if (round > 0) {
        reduce.get(size)!.push(r);
        full.get(size)!.push(w);
      }
    }
  }
  const perDelta = setups.map(({ size, state }) => ({
    items: selectOrder(state).length,
    reduceNs: median(reduce.get(size)!),
    wireNs: median(full.get(size)!),
  }));
  return { perDelta, flatRatio: (perDelta[2]?.reduceNs ?? NaN) / (perDelta[0]?.reduceNs ?? NaN) };
}

export async function measureThroughput(
  options: { turns?: number; deltas?: number; runs?: number } = {},
): Promise<ThroughputResult> {
  const turns = options.turns ?? 1000;
  const wire = buildWireSession(turns, options.deltas ?? 50);
  const runs = options.runs ?? 9;

  // Warm-up, then interleaved runs so machine noise hits all pipelines alike; agents-realtime, far slower, runs
  // every other round (after one warm-up on a tenth of the session), between talkwire's runs.
  parseOnly(wire);
  reducerRun(wire);
  storeRun(wire);
  await agentsRealtimeRun(wire.slice(0, Math.floor(wire.length / 10)));
  const parse: number[] = [];
  const reducer: number[] = [];
  const store: number[] = [];
  const agents: number[] = [];
  let final: RealtimeState | undefined;
  for (let i = 0; i < runs; i++) {
    collect();
    parse.push(parseOnly(wire));
    collect();
    const r = reducerRun(wire);
    reducer.push(r.ms);
    collect();
    const s = storeRun(wire);
    store.push(s.ms);
    final = s.state;
    if (i % 2 === 1) {
      collect();
      const a = await agentsRealtimeRun(wire);
      if (a.items !== turns * 2)
        throw new Error(`agents-realtime: expected ${turns * 2} history items, got ${a.items}`);
      agents.push(a.ms);
    }
  }
  const items = final ? selectOrder(final).length : 0;
  if (items !== turns * 2) throw new Error(`talkwire: expected ${turns * 2} items, got ${items}`);

  // The same estimator for every pipeline: the best run. The work is CPU-bound and deterministic, so a slower
  // run only measures the machine's other load (two shared cores here), not the code.
  const row = (pipeline: string, ms: number): ThroughputRow => ({ pipeline, ms, nsPerEvent: (ms * 1e6) / wire.length });
  const parseMs = Math.min(...parse);
  const reducerMs = Math.min(...reducer);
  const storeMs = Math.min(...store);
  const agentsMs = Math.min(...agents);
  return {
    events: wire.length,
    items,
    rows: [
      row('JSON.parse only (floor)', parseMs),
      row('talkwire: parseServerEvent + reduceServerEvent', reducerMs),
      row('talkwire: store.receive (as a session runs it)', storeMs),
      row('agents-realtime: transport _onMessage + RealtimeSession history', agentsMs),
    ],
    speedupVsAgents: agentsMs / storeMs,
    vsJsonParse: storeMs / parseMs,
    reducerVsJsonParse: reducerMs / parseMs,
    ...perDeltaCost(),
  };
}
