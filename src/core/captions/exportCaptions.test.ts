import { describe, expect, it } from 'vitest';
import { toPlainText, toWebVtt } from './index.js';
import type { CaptionEntry } from './types.js';

const entries: CaptionEntry[] = [
  { id: 'a', text: 'Hello there.', status: 'final', segments: [], startMs: 1200, endMs: 2500 },
  { id: 'b', text: 'still talk', status: 'interim', segments: [] },
  {
    id: 'c',
    text: 'Hi. Yes --> no',
    status: 'final',
    startMs: 61_000,
    endMs: 64_000,
    segments: [
      { id: 's1', text: 'Hi.', speaker: 'A', start: 0, end: 1 },
      { id: 's2', text: 'Yes --> no', speaker: 'B', start: 1.5, end: 3 },
    ],
  },
];

describe('caption export', () => {
  it('writes final entries as text with speaker labels', () => {
    expect(toPlainText(entries)).toBe('Hello there.\nA: Hi.\nB: Yes --> no\n');
  });

  it('writes WebVTT with timings and voice tags, and never a stray cue arrow', () => {
    expect(toWebVtt(entries)).toBe(
      'WEBVTT\n\n1\n00:00:01.200 --> 00:00:02.500\nHello there.\n\n2\n00:01:01.000 --> 00:01:02.000\n<v A>Hi.\n\n' +
        '3\n00:01:02.500 --> 00:01:04.000\n<v B>Yes -> no\n',
    );
    expect(toWebVtt([])).toBe('WEBVTT\n\n');
  });
});
