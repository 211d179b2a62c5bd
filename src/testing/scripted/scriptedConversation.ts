import type { ScriptedEvent } from './scriptedEvents.js';

/** A `conversation.item.retrieve`, `.delete` or `.truncate` as the client sent it. */
export interface ItemRequest {
  type: 'conversation.item.retrieve' | 'conversation.item.delete' | 'conversation.item.truncate';
  item_id: string;
  event_id?: string;
  content_index?: number;
  audio_end_ms?: number;
}

/**
 * The items one scripted call's conversation holds, so that `retrieve`, `delete` and `truncate` answer as the real
 * server does (an unknown id gets `item_not_found`), and each new item names the one before it.
 */
export function createScriptedConversation() {
  const items = new Map<string, Record<string, unknown>>();
  let lastItemId: string | null = null;

  return {
    /** Appends an item (an empty completed assistant message by default); returns the id of the item before it. */
    add(
      itemId: string,
      item: Record<string, unknown> = {
        id: itemId,
        object: 'realtime.item',
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [],
      },
    ): string | null {
      items.set(itemId, item);
      const previous = lastItemId;
      lastItemId = itemId;
      return previous;
    },

    /** The conversation holds each item as last sent (a retrieve answers with that). */
    sent(event: ScriptedEvent): void {
      const sentItem = event.type === 'conversation.item.done' ? (event.item as { id?: string }) : undefined;
      if (sentItem?.id !== undefined && items.has(sentItem.id)) items.set(sentItem.id, sentItem);
    },

    /** The server's answer to a retrieve, delete or truncate. */
    answer(request: ItemRequest): ScriptedEvent[] {
      const item = items.get(request.item_id);
      if (!item) {
        const message = `Item with item_id '${request.item_id}' not found.`;
        return [
          {
            type: 'error',
            error: {
              type: 'invalid_request_error',
              code: 'item_not_found',
              message,
              param: 'item_id',
              event_id: request.event_id ?? null,
            },
          },
        ];
      }
      if (request.type === 'conversation.item.retrieve') return [{ type: 'conversation.item.retrieved', item }];
      if (request.type === 'conversation.item.delete') {
        items.delete(request.item_id);
        return [{ type: 'conversation.item.deleted', item_id: request.item_id }];
      }
      return [
        {
          type: 'conversation.item.truncated',
          item_id: request.item_id,
          content_index: request.content_index ?? 0,
          audio_end_ms: request.audio_end_ms ?? 0,
        },
      ];
    },
  };
}
