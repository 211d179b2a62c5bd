import { describe, expect, it } from 'vitest';
import { tableGet, tableToRecord } from '../state/KeyedTable.js';
import { createCaptionsState, reduceCaptions, selectCaptions, CAPTION_ENTRY_LIMIT } from './index.js';
import type { CaptionsState } from './types.js';

const T = 'conversation.item.input_audio_transcription.';
const run = (events: unknown[], from: CaptionsState = createCaptionsState()) =>
  events.reduce<CaptionsState>(reduceCaptions, from);
const view = (s: CaptionsState) => selectCaptions(s).map((e) => `${e.id}:${e.status}:${e.text}`);

const started = (id: string, ms = 0) => ({
  type: 'input_audio_buffer.speech_started',
  item_id: id,
  audio_start_ms: ms,
});
const stopped = (id: string, ms = 0) => ({ type: 'input_audio_buffer.speech_stopped', item_id: id, audio_end_ms: ms });
const committed = (id: string, prev: string | null) => ({
  type: 'input_audio_buffer.committed',
  item_id: id,
  previous_item_id: prev,
});
const added = (id: string, prev: string | null) => ({
  type: 'conversation.item.added',
  previous_item_id: prev,
  item: {
    id,
    type: 'message',
    role: 'user',
    status: 'completed',
    content: [{ type: 'input_audio', transcript: null }],
  },
});
const delta = (id: string, text: string, extra: object = {}) => ({
  type: `${T}delta`,
  item_id: id,
  content_index: 0,
  delta: text,
  ...extra,
});
const completed = (id: string, text: string, extra: object = {}) => ({
  type: `${T}completed`,
  item_id: id,
  content_index: 0,
  transcript: text,
  ...extra,
});
const failed = (id: string, message?: string) => ({
  type: `${T}failed`,
  item_id: id,
  content_index: 0,
  error: { type: 'transcription_error', message },
});
const segment = (id: string, sid: string, text: string, speaker: string, start: number, end: number) => ({
  type: `${T}segment`,
  item_id: id,
  content_index: 0,
  id: sid,
  text,
  speaker,
  start,
  end,
});

describe('reduceCaptions', () => {
  it('shows interim text from deltas, then the completed transcript as final', () => {
    let s = run([started('a', 100), stopped('a', 900), committed('a', null), delta('a', 'Hel'), delta('a', 'lo')]);
    expect(view(s)).toEqual(['a:interim:Hello']);
    s = reduceCaptions(s, completed('a', 'Hello.'));
    expect(view(s)).toEqual(['a:final:Hello.']);
    expect(selectCaptions(s)[0]).toMatchObject({ startMs: 100, endMs: 900 });
  });

  it('makes entries with conversation.item.added and without it, in the same order', () => {
    const withItems = run([
      committed('a', null),
      added('a', null),
      completed('a', 'one'),
      committed('b', 'a'),
      added('b', 'a'),
      completed('b', 'two'),
    ]);
    const without = run([committed('a', null), completed('a', 'one'), committed('b', 'a'), completed('b', 'two')]);
    expect(view(withItems)).toEqual(['a:final:one', 'b:final:two']);
    expect(view(without)).toEqual(view(withItems));
  });

  it('makes an entry from input_audio_buffer.committed alone (nothing transcribed yet)', () => {
    expect(view(run([committed('a', null)]))).toEqual(['a:interim:']);
  });

  it('makes an entry from a transcription event that comes before any item or commit event', () => {
    const s = run([
      delta('b', 'late'),
      committed('a', null),
      completed('a', 'first'),
      committed('b', 'a'),
      completed('b', 'second'),
    ]);
    expect(view(s)).toEqual(['a:final:first', 'b:final:second']);
  });

  it('places entries by previous_item_id when commits arrive out of order', () => {
    const s = run([committed('c', 'b'), committed('a', null), committed('b', 'a')]);
    expect(s.ids).toEqual(['a', 'b', 'c']);
  });

  it('keeps the final text when a delta arrives after .completed', () => {
    const s = run([committed('a', null), delta('a', 'hel'), completed('a', 'hello'), delta('a', 'lo world')]);
    expect(view(s)).toEqual(['a:final:hello']);
  });

  it('interleaves deltas of two items without mixing them', () => {
    const s = run([
      committed('a', null),
      committed('b', 'a'),
      delta('b', 'B1 '),
      delta('a', 'A1 '),
      delta('b', 'B2'),
      delta('a', 'A2'),
    ]);
    expect(view(s)).toEqual(['a:interim:A1 A2', 'b:interim:B1 B2']);
  });

  it('keeps diarized segments with speaker, start and end, in time order, once each', () => {
    const s = run([
      committed('a', null),
      segment('a', 's2', 'Hi there.', 'B', 1.5, 2.5),
      segment('a', 's1', 'Hello.', 'A', 0, 1.2),
      segment('a', 's1', 'Hello.', 'A', 0, 1.2),
    ]);
    const [entry] = selectCaptions(s);
    expect(entry?.segments).toEqual([
      { id: 's1', text: 'Hello.', speaker: 'A', start: 0, end: 1.2 },
      { id: 's2', text: 'Hi there.', speaker: 'B', start: 1.5, end: 2.5 },
    ]);
    expect(entry?.text).toBe('Hello. Hi there.');
  });

  it('marks a failure with its message (and a default when there is none)', () => {
    const s = run([
      committed('a', null),
      delta('a', 'mum'),
      failed('a', 'audio unintelligible'),
      committed('b', 'a'),
      failed('b'),
    ]);
    expect(selectCaptions(s).map((e) => [e.status, e.error])).toEqual([
      ['failed', 'audio unintelligible'],
      ['failed', 'transcription failed'],
    ]);
  });

  it('keeps logprobs when included (appended from deltas, replaced by .completed)', () => {
    let s = run([
      committed('a', null),
      delta('a', 'Hi', { logprobs: [{ token: 'Hi', logprob: -0.1, bytes: [72, 105] }] }),
    ]);
    expect(selectCaptions(s)[0]?.logprobs).toEqual([{ token: 'Hi', logprob: -0.1 }]);
    s = reduceCaptions(
      s,
      completed('a', 'Hi.', {
        logprobs: [{ token: 'Hi', logprob: -0.1 }, { token: '.', logprob: -0.5 }, { token: 3 }],
      }),
    );
    expect(selectCaptions(s)[0]?.logprobs).toEqual([
      { token: 'Hi', logprob: -0.1 },
      { token: '.', logprob: -0.5 },
    ]);
    expect(tableGet(run([committed('a', null), delta('a', 'x')]).entries, 'a')?.logprobs).toBeUndefined();
  });

  it('tracks speaking between speech_started and speech_stopped or committed', () => {
    expect(run([started('a')]).speaking).toBe(true);
    expect(run([started('a'), stopped('a')]).speaking).toBe(false);
    expect(run([started('a'), committed('a', null)]).speaking).toBe(false);
  });

  it('ignores assistant items, bad ids and unknown events, returning the same state', () => {
    const s = run([committed('a', null)]);
    expect(
      reduceCaptions(s, {
        type: 'conversation.item.added',
        item: { id: 'x', type: 'message', role: 'assistant', content: [] },
      }),
    ).toBe(s);
    expect(reduceCaptions(s, delta('x'.repeat(600), 'no'))).toBe(s);
    expect(reduceCaptions(s, { type: 'rate_limits.updated' })).toBe(s);
    expect(reduceCaptions(s, null)).toBe(s);
    expect(reduceCaptions(s, committed('a', null))).toBe(s);
  });

  it('removes a deleted entry', () => {
    expect(
      view(run([committed('a', null), committed('b', 'a'), { type: 'conversation.item.deleted', item_id: 'a' }])),
    ).toEqual(['b:interim:']);
  });

  it('stays within its bound, dropping the oldest entries', () => {
    let s = createCaptionsState();
    for (let i = 0; i < CAPTION_ENTRY_LIMIT + 5; i++) s = reduceCaptions(s, completed(`i${i}`, 'x'));
    expect(s.ids.length).toBe(CAPTION_ENTRY_LIMIT);
    expect(s.dropped).toBe(5);
    expect(Object.keys(tableToRecord(s.entries)).length).toBe(CAPTION_ENTRY_LIMIT);
    expect(s.ids[0]).toBe('i5');
  });
});
