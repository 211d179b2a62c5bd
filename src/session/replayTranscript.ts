import type { ClientEvent } from '../core/protocol/events.js';
import { selectTranscript } from '../core/state/selectors.js';
import type { InputImageContent } from '../core/protocol/items.js';
import type { ItemImage, RealtimeState } from '../core/state/types.js';

function imageParts(images: readonly ItemImage[] | undefined): InputImageContent[] {
  const parts: InputImageContent[] = [];
  for (const image of images ?? []) {
    if (image.url?.startsWith('data:image/')) parts.push({ type: 'input_image', image_url: image.url });
  }
  return parts;
}

/**
 * The conversation so far as text items for a new call, so the model keeps its context after a reconnect.
 * Each item keeps the id of the entry it comes from: the server echoes it in `conversation.item.added`, and the
 * store merges the echo into the entry already on screen instead of adding a second one. Only user and
 * assistant messages with text or images are replayed (audio, tool calls and their outputs are not); a user
 * message's images go again as the JPEG `data:` URLs `sendMessage` made, so the model still sees them.
 */
export function replayTranscript(state: RealtimeState): ClientEvent[] {
  const events: ClientEvent[] = [];
  let previous: string | null = null;
  for (const entry of selectTranscript(state)) {
    if (entry.kind !== 'message' || (entry.role !== 'user' && entry.role !== 'assistant')) continue;
    const text = entry.text.trim() !== '';
    const images = entry.role === 'user' ? imageParts(entry.images) : [];
    if (!text && images.length === 0) continue;
    const content =
      entry.role === 'user'
        ? [...(text ? [{ type: 'input_text' as const, text: entry.text }] : []), ...images]
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
