import { describe, expect, it } from 'vitest';
import { ev, reduceAll } from '../../../test/support/events.js';
import { createInitialState } from './createInitialState.js';
import { selectTranscript } from './selectors.js';

const item = (transcript: string, status = 'incomplete') => ({
  id: 'a1',
  type: 'message',
  role: 'assistant',
  status,
  content: [{ type: 'output_audio', transcript }],
});
const spoken = [
  ev.responseCreated('r1'),
  ev.outputItemAdded('r1', { id: 'a1', type: 'message', role: 'assistant', status: 'in_progress', content: [] }),
  ev.simple('response.content_part.added', {
    response_id: 'r1',
    item_id: 'a1',
    output_index: 0,
    content_index: 0,
    part: { type: 'audio', transcript: '' },
  }),
  ev.transcriptDelta('a1', 'One two ', 'r1'),
  ev.transcriptDelta('a1', 'three four.', 'r1'),
  ev.responseDone('r1', 'cancelled', [item('One two three four.')]),
  ev.simple('output_audio_buffer.cleared', { response_id: 'r1' }),
];

describe('heard versus not heard', () => {
  it('a re-read item with a shorter transcript marks what was heard and keeps the streamed text', () => {
    const s = reduceAll(createInitialState(), [
      ...spoken,
      ev.simple('conversation.item.retrieved', { item: item('One two ') }),
    ]);
    expect(selectTranscript(s)[0]).toMatchObject({
      text: 'One two three four.',
      heard: 'One two ',
      final: true,
      status: 'incomplete',
    });
  });

  it('a re-read that is not a shorter prefix is an ordinary refresh', () => {
    const s = reduceAll(createInitialState(), [
      ...spoken,
      ev.simple('conversation.item.retrieved', { item: item('One two three four.', 'completed') }),
    ]);
    expect(selectTranscript(s)[0]?.heard).toBeUndefined();
    expect(selectTranscript(s)[0]?.status).toBe('completed');
  });
});
