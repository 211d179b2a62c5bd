import { describe, expect, it } from 'vitest';
import { ev, reduceAll } from '../../../test/support/events.js';
import { createInitialState } from './createInitialState.js';
import { selectTranscript } from './selectors.js';

// A voice conversation keeps what the input transcription adds beyond text: log probabilities (when the session
// includes them) and diarized segments, on the user's transcript entry.

const start = createInitialState();
const userAudio = ev.added('u1', 'user', null, [{ type: 'input_audio', transcript: null }]);
const completed = (extra: Record<string, unknown>) =>
  ev.simple('conversation.item.input_audio_transcription.completed', {
    item_id: 'u1',
    content_index: 0,
    transcript: 'Hello there',
    ...extra,
  });
const segment = (id: string, start: number, speaker?: string) =>
  ev.simple('conversation.item.input_audio_transcription.segment', {
    item_id: 'u1',
    content_index: 0,
    id,
    text: `part ${id}`,
    start,
    end: start + 0.5,
    ...(speaker ? { speaker } : {}),
  });

describe('input transcription extras in a voice conversation', () => {
  it('keeps the logprobs of a completed transcription, dropping malformed tokens', () => {
    const s = reduceAll(start, [
      userAudio,
      completed({
        logprobs: [
          { token: 'Hello', logprob: -0.01, bytes: [72] },
          { token: ' there', logprob: -0.2 },
          { token: 3, logprob: 'x' },
        ],
      }),
    ]);
    const [entry] = selectTranscript(s);
    expect(entry).toMatchObject({ text: 'Hello there', final: true });
    expect(entry!.logprobs).toEqual([
      { token: 'Hello', logprob: -0.01 },
      { token: ' there', logprob: -0.2 },
    ]);
  });

  it('has no logprobs when the session did not include them', () => {
    const [entry] = selectTranscript(reduceAll(start, [userAudio, completed({})]));
    expect(entry!.logprobs).toBeUndefined();
  });

  it('keeps diarized segments in time order, one per id, with speakers; malformed ones are ignored', () => {
    const s = reduceAll(start, [
      userAudio,
      segment('s2', 1.0, 'B'),
      segment('s1', 0.0, 'A'),
      segment('s1', 0.0, 'A'), // repeated: replaced, not doubled
      ev.simple('conversation.item.input_audio_transcription.segment', { item_id: 'u1', id: 's3', text: 'x' }),
      completed({}),
    ]);
    const [entry] = selectTranscript(s);
    expect(entry!.segments?.map((x) => [x.id, x.speaker, x.start])).toEqual([
      ['s1', 'A', 0],
      ['s2', 'B', 1],
    ]);
    expect(entry!.text).toBe('Hello there');
  });

  it('keeps segments that arrive before the item (buffered, then applied)', () => {
    const [entry] = selectTranscript(reduceAll(start, [segment('s1', 0, 'A'), userAudio]));
    expect(entry!.segments).toHaveLength(1);
  });

  it('bounds the segments of one item', () => {
    const many = Array.from({ length: 300 }, (_, i) => segment(`s${i}`, i));
    const [entry] = selectTranscript(reduceAll(start, [userAudio, ...many]));
    expect(entry!.segments).toHaveLength(256);
  });
});
