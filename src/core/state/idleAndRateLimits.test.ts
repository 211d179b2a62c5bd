import { describe, expect, it } from 'vitest';
import { ev, reduceAll } from '../../../test/support/events.js';
import { createInitialState } from './createInitialState.js';
import { reduceServerEvent } from './reduceServerEvent.js';
import { selectItem, selectTranscript } from './selectors.js';

const start = createInitialState();

describe('rate_limits.updated is kept in state.rateLimits', () => {
  it('is empty until the first update, then holds the latest one, camel-cased', () => {
    expect(start.rateLimits).toEqual([]);
    const first = reduceServerEvent(
      start,
      ev.simple('rate_limits.updated', {
        rate_limits: [
          { name: 'requests', limit: 5000, remaining: 4999, reset_seconds: 0.012 },
          { name: 'tokens', limit: 15_000_000, remaining: 14_999_000, reset_seconds: 0.002 },
        ],
      }),
    );
    expect(first.rateLimits).toEqual([
      { name: 'requests', limit: 5000, remaining: 4999, resetSeconds: 0.012 },
      { name: 'tokens', limit: 15_000_000, remaining: 14_999_000, resetSeconds: 0.002 },
    ]);
    const second = reduceServerEvent(
      first,
      ev.simple('rate_limits.updated', {
        rate_limits: [{ name: 'tokens', limit: 15_000_000, remaining: 14_998_000, reset_seconds: 0.004 }],
      }),
    );
    expect(second.rateLimits).toEqual([
      { name: 'tokens', limit: 15_000_000, remaining: 14_998_000, resetSeconds: 0.004 },
    ]);
  });

  it('reads hostile input safely: no array leaves the state as it was; bad fields and entries are skipped; at most 8', () => {
    expect(reduceServerEvent(start, ev.simple('rate_limits.updated', { rate_limits: 'lots' }))).toBe(start);
    const s = reduceServerEvent(
      start,
      ev.simple('rate_limits.updated', {
        rate_limits: [
          null,
          { limit: 1 },
          { name: 'tokens', limit: 'many', remaining: Number.POSITIVE_INFINITY, reset_seconds: 1 },
          ...Array.from({ length: 20 }, (_, i) => ({ name: `n${i}`, limit: i })),
        ],
      }),
    );
    expect(s.rateLimits[0]).toEqual({ name: 'tokens', resetSeconds: 1 });
    expect(s.rateLimits.length).toBeLessThanOrEqual(8);
  });
});

describe('input_audio_buffer.timeout_triggered marks the silent turn the server makes', () => {
  // The order OpenAI sends (recorded over WebSocket): the timeout names the item to come, then the server's own
  // system note, then the commit of the silence and its (empty) transcript, then the nudge.
  const events = [
    ev.added('a1', 'assistant', null, [{ type: 'output_text', text: 'How can I help?' }]),
    ev.simple('input_audio_buffer.timeout_triggered', { audio_start_ms: 672, audio_end_ms: 5792, item_id: 'u_idle' }),
    ev.added('sys1', 'system', 'a1', [
      { type: 'input_text', text: 'No user speech was detected for a while. Please review the recorded audio.' },
    ]),
    ev.simple('input_audio_buffer.committed', { previous_item_id: 'sys1', item_id: 'u_idle' }),
    ev.userAudio('u_idle', 'sys1'),
    ev.inputCompleted('u_idle', ''),
    ev.added('a2', 'assistant', 'u_idle', [{ type: 'output_text', text: 'Are you still there?' }]),
  ];

  it('the idle turn is marked (the event comes before its item) and the default transcript shows neither it nor the note', () => {
    const s = reduceAll(start, events);
    expect(selectItem(s, 'u_idle')?.idle).toBe(true);
    expect(Object.keys(s.pending)).toEqual([]);
    const entries = selectTranscript(s);
    expect(entries.find((e) => e.id === 'u_idle')).toMatchObject({ role: 'user', idle: true, final: true });
    expect(entries.find((e) => e.id === 'sys1')).toMatchObject({ role: 'system' });
    expect(entries.filter((e) => e.role !== 'system' && !e.idle).map((e) => e.text)).toEqual([
      'How can I help?',
      'Are you still there?',
    ]);
  });

  it('a turn the user spoke is never marked idle', () => {
    const s = reduceAll(start, [ev.userAudio('u1', null, 'Hello'), ...events]);
    expect(selectItem(s, 'u1')?.idle).toBeUndefined();
    expect(selectTranscript(s)[0]).not.toHaveProperty('idle');
  });
});
