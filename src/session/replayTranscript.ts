import type { ClientEvent } from '../core/protocol/events.js';
import { selectTranscript } from '../core/state/selectors.js';
import type { RealtimeState } from '../core/state/types.js';

/**
 * The conversation so far as text items for a new call, so the model keeps its context after a reconnect.
 * Each item keeps the id of the entry it comes from: the server echoes it in `conversation.item.added`, and the
 * store merges the echo into the entry already on screen instead of adding a second one. Only user and
 * assistant messages with text are replayed (audio, tool calls and their outputs are not).
 */
export function replayTranscript(state: RealtimeState): ClientEvent[] {
  const events: ClientEvent[] = [];
  let previous: string | null = null;
  for (const entry of selectTranscript(state)) {
    if (entry.kind !== 'message' || !entry.text.trim()) continue;
    if (entry.role !== 'user' && entry.role !== 'assistant') continue;
    const content =
      entry.role === 'user'
        ? [{ type: 'input_text' as const, text: entry.text }]
        : [{ type: 'output_text' as const, text: entry.text }];
    events.push({
      type: 'conversation.item.create',
      previous_item_id: previous ?? 'root',
      item: { id: entry.id, type: 'message', role: entry.role, content },
    } as ClientEvent);
    previous = entry.id;
  }
  return events;
}
