import { RealtimeError } from '../../core/errors.js';
import type { ClientEvent } from '../../core/protocol/events.js';
import type { InputImageContent, InputTextContent } from '../../core/protocol/items.js';
import { selectItem } from '../../core/state/selectors.js';
import type { RealtimeStore } from '../../core/state/store.js';
import type { ItemImage } from '../../core/state/types.js';
import { notConnected } from '../sessionErrors.js';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DIMENSION, fitImage, invalidImage } from './fitImage.js';
import type { ImageCodec, MessageContent, MessagePart, SendMessageOptions } from './types.js';

/** How long the server may take to confirm a message before `sendMessage` gives up on it. */
const CONFIRM_TIMEOUT_MS = 15_000;

export interface MessageSenderOptions {
  store: RealtimeStore;
  send: (event: ClientEvent) => void;
  requestResponse: () => void;
  codec: () => Promise<ImageCodec>;
}

type Waiting = (error: RealtimeError) => void;

function partsOf(content: MessageContent): readonly MessagePart[] {
  const parts: readonly MessagePart[] = typeof content === 'string' ? [{ type: 'input_text', text: content }] : content;
  if (typeof parts !== 'object' || parts === null || parts.length === 0)
    throw invalidImage('A message needs text or at least one part.');
  return parts;
}

/**
 * `sendMessage`: a user message of text and images. Images are decoded and re-encoded small enough for the data
 * channel, the item is created with an id of ours, and once the server has it the transcript gets the images'
 * thumbnails and alt text and a response is asked for. Resolves with the item id.
 */
export function createMessageSender(deps: MessageSenderOptions) {
  const { store } = deps;
  const waiting = new Set<Waiting>();
  let counter = 0;

  /** Resolves when the server added item `id`, rejects when it answered `eventId` with an error. */
  function confirmed(id: string, eventId: string, hasImages: boolean): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => finish(new RealtimeError('wait_timeout', `The server did not confirm message ${id} in time.`)),
        CONFIRM_TIMEOUT_MS,
      );
      const unsubscribe = store.subscribe((state) => {
        if (selectItem(state, id)) return finish();
        const error = state.lastError;
        if (error?.source === 'server' && error.eventId === eventId) {
          const options: { serverCode?: string; param?: string } = { serverCode: error.code };
          if (error.param !== undefined) options.param = error.param;
          finish(
            new RealtimeError(
              hasImages ? 'invalid_image' : 'server_error',
              `The server refused the message: ${error.message}`,
              options,
            ),
          );
        }
      });
      function finish(error?: RealtimeError): void {
        unsubscribe();
        clearTimeout(timer);
        waiting.delete(finish);
        if (error) reject(error);
        else resolve();
      }
      waiting.add(finish);
    });
  }

  async function sendMessage(content: MessageContent, options: SendMessageOptions = {}): Promise<string> {
    const parts = partsOf(content);
    const images = parts.filter((part) => part.type === 'input_image');
    if (store.getState().status !== 'connected')
      throw notConnected({ type: 'conversation.item.create' } as ClientEvent);
    const codec = images.length > 0 ? await deps.codec() : null;
    const budget = Math.floor((options.maxBytes ?? DEFAULT_MAX_BYTES) / Math.max(1, images.length));
    const wire: Array<InputTextContent | InputImageContent> = [];
    const shown: ItemImage[] = [];
    for (const part of parts) {
      if (part.type === 'input_text') {
        if (typeof part.text !== 'string') throw invalidImage('A text part needs a string `text`.');
        wire.push({ type: 'input_text', text: part.text });
        continue;
      }
      if (part.type !== 'input_image' || codec === null)
        throw invalidImage(`Unknown message part type: use 'input_text' or 'input_image'.`);
      const fitted = await fitImage(codec, part.image, options.maxDimension ?? DEFAULT_MAX_DIMENSION, budget);
      wire.push({ type: 'input_image', image_url: fitted.url, detail: part.detail ?? 'auto' });
      shown.push(part.alt === undefined ? { url: fitted.url } : { url: fitted.url, alt: part.alt });
    }
    counter++;
    const id = `item_tw_${Date.now().toString(36)}${counter}`;
    const eventId = `talkwire_message_${counter}`;
    deps.send({
      type: 'conversation.item.create',
      event_id: eventId,
      item: { id, type: 'message', role: 'user', content: wire },
    });
    // The server answers in a later task, so listening from here on misses nothing.
    await confirmed(id, eventId, shown.length > 0);
    if (shown.length > 0) {
      // By position: what the server echoed stays unless ours says otherwise.
      const echoed = selectItem(store.getState(), id)?.images;
      store.apply({ type: 'item_images', itemId: id, images: shown.map((image, i) => ({ ...echoed?.[i], ...image })) });
    }
    if (options.respond !== false) deps.requestResponse();
    return id;
  }

  return {
    sendMessage,
    /** The call ended: messages still waiting for the server's word fail with `aborted`. */
    reset(): void {
      for (const finish of [...waiting])
        finish(new RealtimeError('aborted', 'The call ended before the server had the message.'));
    },
  };
}
