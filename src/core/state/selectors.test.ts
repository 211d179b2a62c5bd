import { describe, expect, it } from 'vitest';
import { createInitialState } from './createInitialState.js';
import { reduceServerEvent } from './reduceServerEvent.js';
import { selectTranscript } from './selectors.js';

describe('selectTranscript memoisation', () => {
  it('two sessions read in turn keep their own cached transcript (no shared empty order)', () => {
    const a = createInitialState();
    const b = reduceServerEvent(createInitialState(), {
      type: 'conversation.item.added',
      previous_item_id: null,
      item: {
        id: 'item_1',
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_text', text: 'hi' }],
      },
    });
    const first = { a: selectTranscript(a), b: selectTranscript(b) };
    // A snapshot that changes on every read would make React's useSyncExternalStore loop for ever.
    expect(selectTranscript(a)).toBe(first.a);
    expect(selectTranscript(b)).toBe(first.b);
    expect(selectTranscript(createInitialState())).toEqual([]);
  });
});
