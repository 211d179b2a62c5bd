/**
 * Heap over a 100,000-event session fed through the store as a session does: measured after a full GC at
 * 10% and at the end. The event log is a ring buffer, so what remains is the conversation itself (its text).
 * Needs `node --expose-gc`.
 */
import { createRealtimeStore, selectOrder, selectTranscript } from '../src/entries/core.js';
import { buildWireSession } from './syntheticSession.js';

export interface MemoryResult {
  events: number;
  items: number;
  wireBytes: number;
  transcriptChars: number;
  eventLogSize: number;
  eventLogCapacity: number;
  /** Heap held by the store (conversation, event log) at the end: heap at the end minus heap once the store is released. */
  retainedBytes: number;
  heapAt10PctBytes: number;
  heapEndBytes: number;
  /** Heap growth per event from 10% of the session to its end. */
  growthPerEventBytes: number;
}

export function measureMemory(): MemoryResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench does)');
  const wire = buildWireSession(1471, 50); // 1,471 turns x 68 events = 100,028 events
  const wireBytes = wire.reduce((n, line) => n + line.length, 0);
  let store: ReturnType<typeof createRealtimeStore> | null = createRealtimeStore();
  const tenth = Math.floor(wire.length / 10);
  const heap = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  let heapAt10Pct = 0;
  for (let i = 0; i < wire.length; i++) {
    store.receive(wire[i]);
    if (i === tenth) {
      heapAt10Pct = heap();
    }
  }
  const heapEnd = heap();
  const { transcriptChars, items } = summarise(store);
  const eventLogSize = store.eventLog.size;
  const eventLogCapacity = store.eventLog.capacity;
  // Dropping the last reference is what lets the next heap reading show the store released.
  // eslint-disable-next-line no-useless-assignment
  store = null;
  const heapReleased = heap();
  return {
    events: wire.length,
    items,
    wireBytes,
    transcriptChars,
    eventLogSize,
    eventLogCapacity,
    retainedBytes: heapEnd - heapReleased,
    heapAt10PctBytes: heapAt10Pct,
    heapEndBytes: heapEnd,
    growthPerEventBytes: (heapEnd - heapAt10Pct) / (wire.length - tenth),
  };
}

function summarise(store: ReturnType<typeof createRealtimeStore>): { transcriptChars: number; items: number } {
  const state = store.getState();
  return {
    transcriptChars: selectTranscript(state).reduce((n, e) => n + e.text.length, 0),
    items: selectOrder(state).length,
  };
}
