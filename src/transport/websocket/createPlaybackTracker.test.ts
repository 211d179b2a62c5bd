import { describe, expect, it } from 'vitest';
import { createPlaybackTracker } from './createPlaybackTracker.js';

const MS = 24; // samples per millisecond at 24 kHz

function reply(responseId = 'resp_1') {
  const t = createPlaybackTracker();
  t.responseStarted(responseId);
  return t;
}

describe('createPlaybackTracker', () => {
  it('mid-stream interruption: cancel the running response, truncate at the samples actually played', () => {
    const t = reply();
    t.received('item_a', 300 * MS);
    t.played('item_a', 120 * MS);
    const plan = t.interrupt({ serverCancels: false });
    expect(plan).toEqual({ cancel: { type: 'response.cancel', response_id: 'resp_1' }, itemId: 'item_a' });
    // The player's clear() reports the exact position, later than the last periodic report.
    expect(t.truncation('item_a', 137 * MS + 23)).toEqual({
      type: 'conversation.item.truncate',
      item_id: 'item_a',
      content_index: 0,
      audio_end_ms: 137,
    });
  });

  it('server VAD cancels by itself: no response.cancel, truncate still sent', () => {
    const t = reply();
    t.received('item_a', 300 * MS);
    const plan = t.interrupt({ serverCancels: true });
    expect(plan.cancel).toBeNull();
    expect(t.truncation('item_a', 50 * MS)?.audio_end_ms).toBe(50);
  });

  it('all audio received but still playing: the truncate is still sent (the case others lose)', () => {
    const t = reply();
    t.received('item_a', 200 * MS);
    t.received('item_a', 200 * MS);
    t.receivedAll('item_a');
    t.responseEnded('resp_1');
    t.played('item_a', 90 * MS);
    const plan = t.interrupt({ serverCancels: false });
    expect(plan).toEqual({ cancel: null, itemId: 'item_a' });
    expect(t.truncation('item_a', 91 * MS)?.audio_end_ms).toBe(91);
  });

  it('never more than received, even when the player reports more', () => {
    const t = reply();
    t.received('item_a', 100 * MS + 5);
    t.interrupt({ serverCancels: false });
    expect(t.truncation('item_a', 500 * MS)?.audio_end_ms).toBe(100);
  });

  it('nothing played: no truncate, only the cancel', () => {
    const t = reply();
    t.received('item_a', 100 * MS);
    const plan = t.interrupt({ serverCancels: false });
    expect(plan.cancel).not.toBeNull();
    expect(t.truncation('item_a', 0)).toBeNull();
    // Less than one millisecond heard is nothing heard.
    const u = reply();
    u.received('item_a', 100 * MS);
    u.interrupt({ serverCancels: true });
    expect(u.truncation('item_a', MS - 1)).toBeNull();
  });

  it('finished playing: no truncate, and the next speech_started does not touch the old item', () => {
    const t = reply();
    t.received('item_a', 100 * MS);
    t.receivedAll('item_a');
    t.responseEnded('resp_1');
    t.played('item_a', 100 * MS);
    expect(t.audibleItem).toBeNull();
    expect(t.interrupt({ serverCancels: true })).toEqual({ cancel: null, itemId: null });
    expect(t.truncation('item_a', 100 * MS)).toBeNull();
  });

  it('all received audio played but more was coming: truncate at what was received', () => {
    const t = reply();
    t.received('item_a', 80 * MS);
    t.played('item_a', 80 * MS);
    const plan = t.interrupt({ serverCancels: false });
    expect(plan.itemId).toBe('item_a');
    // The server's done arrives after the cut: late audio was dropped, so it does not make the item "finished".
    expect(t.received('item_a', 40 * MS)).toBe(false);
    t.receivedAll('item_a');
    expect(t.truncation('item_a', 80 * MS)?.audio_end_ms).toBe(80);
  });

  it('late deltas of a cut item are refused; the next reply plays', () => {
    const t = reply();
    t.received('item_a', 100 * MS);
    t.interrupt({ serverCancels: true });
    expect(t.received('item_a', 10 * MS)).toBe(false);
    t.responseStarted('resp_2');
    expect(t.received('item_b', 10 * MS)).toBe(true);
    expect(t.audibleItem).toBe('item_b');
  });

  it('stale reports never move the count back; an item queued behind is cut too', () => {
    const t = reply();
    t.received('item_a', 100 * MS);
    t.received('item_b', 100 * MS);
    t.played('item_a', 60 * MS);
    t.played('item_a', 40 * MS);
    expect(t.audibleItem).toBe('item_a');
    expect(t.interrupt({ serverCancels: true }).itemId).toBe('item_a');
    expect(t.truncation('item_a')?.audio_end_ms).toBe(60);
    // The player dropped item_b too: it is cut, unheard, so it gets no truncate and no more audio.
    expect(t.audibleItem).toBeNull();
    expect(t.received('item_b', 10)).toBe(false);
    expect(t.truncation('item_b')).toBeNull();
  });

  it('keeps the content index, other sample rates, a bounded memory, and reset()', () => {
    const t = createPlaybackTracker({ sampleRate: 8000, maxItems: 2 });
    t.received('x', 8000, 1);
    expect(t.truncation('x', 4000)).toEqual({
      type: 'conversation.item.truncate',
      item_id: 'x',
      content_index: 1,
      audio_end_ms: 500,
    });
    t.received('y', 10);
    t.received('z', 10);
    expect(t.truncation('x', 4000)).toBeNull();
    t.responseStarted('r');
    t.reset();
    expect(t.interrupt({ serverCancels: false })).toEqual({ cancel: null, itemId: null });
  });
});
