export interface EventLogEntry {
  direction: 'server' | 'client';
  /** Event type; for undecodable input `invalid:<reason>`. */
  type: string;
  event: unknown;
  /** Time stamp from the store's clock (ms). */
  at?: number;
}

/** A fixed-capacity ring buffer of recent events, for debug panels. Pushing is O(1) and never grows memory. */
export interface EventLog {
  readonly capacity: number;
  readonly size: number;
  /** Increases on every change; cheap to compare in a render loop. */
  readonly version: number;
  push(entry: EventLogEntry): void;
  /** Oldest first. */
  toArray(): EventLogEntry[];
  clear(): void;
  /** Called after every push or clear. */
  subscribe(listener: () => void): () => void;
}

export function createEventLog(capacity: number): EventLog {
  const cap = Number.isInteger(capacity) && capacity > 0 ? capacity : 0;
  const slots: Array<EventLogEntry | undefined> = new Array<EventLogEntry | undefined>(cap).fill(undefined);
  const listeners = new Set<() => void>();
  let start = 0;
  let size = 0;
  let version = 0;

  const notify = (): void => {
    for (const listener of listeners) listener();
  };

  return {
    capacity: cap,
    get size() {
      return size;
    },
    get version() {
      return version;
    },
    push(entry) {
      if (cap === 0) return;
      if (size < cap) {
        slots[(start + size) % cap] = entry;
        size++;
      } else {
        slots[start] = entry;
        start = (start + 1) % cap;
      }
      version++;
      if (listeners.size > 0) notify();
    },
    toArray() {
      const out: EventLogEntry[] = [];
      for (let i = 0; i < size; i++) {
        const entry = slots[(start + i) % cap];
        if (entry !== undefined) out.push(entry);
      }
      return out;
    },
    clear() {
      slots.fill(undefined);
      start = 0;
      size = 0;
      version++;
      if (listeners.size > 0) notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
