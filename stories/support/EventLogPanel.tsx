import { useEffect, useState } from 'react';
import type { EventLogEntry } from '../../src/core/state/EventLog.js';
import type { RealtimeSession } from '../../src/session/types.js';

/** The session's client and server events, newest first; re-read at most once per animation frame. */
export function EventLogPanel({ session, limit = 200 }: { session: RealtimeSession; limit?: number }) {
  const [entries, setEntries] = useState<EventLogEntry[]>(() => session.store.eventLog.toArray());
  useEffect(() => {
    let frame = 0;
    const read = () => {
      frame = 0;
      setEntries(session.store.eventLog.toArray());
    };
    const off = session.store.eventLog.subscribe(() => {
      if (frame === 0) frame = requestAnimationFrame(read);
    });
    return () => {
      off();
      if (frame !== 0) cancelAnimationFrame(frame);
    };
  }, [session]);
  const shown = entries.slice(-limit).reverse();
  return (
    <section
      aria-label="Event log"
      data-testid="event-log"
      style={{
        font: '12px/1.4 ui-monospace, monospace',
        maxHeight: '28rem',
        overflow: 'auto',
        borderWidth: 1,
        borderStyle: 'solid',
        borderRadius: 8,
        padding: 8,
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'space-between', marginBottom: 4 }}>
        <strong>Events ({entries.length})</strong>
        <button type="button" onClick={() => session.store.eventLog.clear()}>
          Clear
        </button>
      </div>
      <ol style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {shown.map((entry, index) => (
          <li key={`${entries.length - index}`} data-direction={entry.direction} data-type={entry.type}>
            <details>
              <summary>
                <span data-arrow="">{entry.direction === 'client' ? '→' : '←'}</span> {entry.type}
              </summary>
              <pre style={{ whiteSpace: 'pre-wrap', margin: '4px 0 8px 12px' }}>
                {JSON.stringify(entry.event, null, 2)}
              </pre>
            </details>
          </li>
        ))}
      </ol>
    </section>
  );
}
