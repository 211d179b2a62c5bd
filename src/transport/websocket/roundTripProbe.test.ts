import { expect, test } from 'vitest';
import type { ClientEvent } from '../../core/protocol/events.js';
import { createRoundTripProbe, socketStatsReport } from './roundTripProbe.js';

test('one probe per reading, answered by its error; the answer is taken out, other messages are not', () => {
  const sent: ClientEvent[] = [];
  const probe = createRoundTripProbe((event) => sent.push(event));
  expect(probe.read(100)).toBeNull();
  expect(sent).toEqual([
    { type: 'conversation.item.retrieve', event_id: 'talkwire_rtt_1', item_id: 'talkwire_rtt_probe' },
  ]);
  expect(probe.read(110)).toBe(10); // still out: what it has waited so far
  expect(sent).toHaveLength(1);

  expect(probe.answer(JSON.stringify({ type: 'response.done', event_id: 'event_1' }), 120)).toBe(false);
  // An error about another request, mentioning the probe's id only in its message, is the session's.
  const other = { type: 'error', error: { event_id: 'mine', message: 'talkwire_rtt_1' } };
  expect(probe.answer(JSON.stringify(other), 130)).toBe(false);
  const reply = {
    type: 'error',
    event_id: 'event_2',
    error: { code: 'item_retrieve_invalid_item_id', event_id: 'talkwire_rtt_1' },
  };
  expect(probe.answer(JSON.stringify(reply), 145)).toBe(true);
  expect(probe.answer(JSON.stringify(reply), 150)).toBe(false);

  expect(probe.read(200)).toBe(45);
  expect(sent).toHaveLength(2);
  expect(probe.read(220)).toBe(45); // out for 20 ms, less than the last round trip
  expect(probe.read(300)).toBe(100); // out for 100 ms: a stalled socket reads as a growing round trip
});

test('a socket that cannot send leaves no probe out', () => {
  const probe = createRoundTripProbe(() => {
    throw new Error('not open');
  });
  expect(probe.read(0)).toBeNull();
  expect(probe.read(500)).toBeNull();
});

test('the report is one websocket entry, round trip in seconds', () => {
  const entries: unknown[] = [];
  socketStatsReport(45, 1200, 7).forEach((value) => entries.push(value));
  expect(entries).toEqual([
    { id: 'websocket', type: 'websocket', timestamp: 7, roundTripTime: 0.045, bufferedAmount: 1200 },
  ]);
});
