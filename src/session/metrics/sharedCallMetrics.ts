import type { RealtimeSession } from '../types.js';
import type { CallMetrics } from './createCallMetrics.js';

export interface CallMetricsHandle {
  /** The metrics once their code has loaded; null before. */
  get(): CallMetrics | null;
  /** Called once when the metrics become available. */
  subscribe(listener: () => void): () => void;
  /** Stops watching when the last holder releases. Idempotent per handle. */
  release(): void;
}

interface Entry {
  metrics: CallMetrics | null;
  holders: number;
  listeners: Set<() => void>;
}

const entries = new WeakMap<RealtimeSession, Entry>();

/**
 * One metrics watcher per session, shared by every hook and overlay that reads it. Its code loads on the first
 * acquire (a default call never pays for it) and it stops when the last holder lets go.
 */
export function acquireCallMetrics(session: RealtimeSession): CallMetricsHandle {
  let entry = entries.get(session);
  if (!entry) {
    const created: Entry = { metrics: null, holders: 0, listeners: new Set() };
    entries.set(session, created);
    void import('./createCallMetrics.js').then(({ createCallMetrics }) => {
      if (created.holders === 0) return entries.delete(session);
      created.metrics = createCallMetrics(session);
      for (const listener of created.listeners) listener();
    });
    entry = created;
  }
  const held = entry;
  held.holders += 1;
  let released = false;
  return {
    get: () => held.metrics,
    subscribe(listener) {
      held.listeners.add(listener);
      return () => held.listeners.delete(listener);
    },
    release() {
      if (released) return;
      released = true;
      held.holders -= 1;
      if (held.holders > 0 || !held.metrics) return;
      held.metrics.stop();
      entries.delete(session);
    },
  };
}
