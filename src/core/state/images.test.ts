import { describe, expect, it } from 'vitest';
import { reduceLocalAction } from './reduceLocalAction.js';
import { reduceServerEvent } from './reduceServerEvent.js';
import { createInitialState } from './createInitialState.js';
import { selectTranscript } from './selectors.js';
import type { RealtimeState } from './types.js';

const png = 'data:image/png;base64,iVBORw0KGgo=';
const userItem = (content: unknown[]) => ({ id: 'u1', type: 'message', role: 'user', status: 'completed', content });
const added = (item: unknown, type = 'conversation.item.added') =>
  ({ type, event_id: 'e', previous_item_id: null, item }) as never;

const reduce = (state: RealtimeState, ...events: never[]) => events.reduce(reduceServerEvent, state);

describe('image parts of user messages', () => {
  it('are kept in order, with the bytes the server echoed, beside the text', () => {
    const state = reduce(
      createInitialState(),
      added(
        userItem([
          { type: 'input_text', text: 'Look: ' },
          { type: 'input_image', image_url: png },
          { type: 'input_image' },
        ]),
      ),
    );
    const [entry] = selectTranscript(state);
    expect(entry).toMatchObject({ role: 'user', text: 'Look: ', final: true });
    expect(entry?.images).toEqual([{ url: png }, {}]);
  });

  it('take alt text and thumbnails from item_images, and keep them through later copies of the item', () => {
    let state = reduce(createInitialState(), added(userItem([{ type: 'input_image' }])));
    state = reduceLocalAction(state, { type: 'item_images', itemId: 'u1', images: [{ url: png, alt: 'A cat' }] });
    expect(selectTranscript(state)[0]?.images).toEqual([{ url: png, alt: 'A cat' }]);
    state = reduce(state, added(userItem([{ type: 'input_image' }]), 'conversation.item.done'));
    expect(selectTranscript(state)[0]?.images).toEqual([{ url: png, alt: 'A cat' }]);
  });

  it('item_images for an item not (or no longer) there changes nothing', () => {
    const state = createInitialState();
    expect(reduceLocalAction(state, { type: 'item_images', itemId: 'nope', images: [{ alt: 'x' }] })).toBe(state);
  });

  it('a message without images has no images field, and assistant text is untouched', () => {
    const state = reduce(createInitialState(), added(userItem([{ type: 'input_text', text: 'Hi' }])));
    expect(selectTranscript(state)[0]).not.toHaveProperty('images');
  });
});
