// @vitest-environment jsdom
import '../../../test/support/reactActEnvironment.js';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { createRealtimeSession } from '../../session/createRealtimeSession.js';
import { acquireCallMetrics } from '../../session/metrics/sharedCallMetrics.js';
import { createScriptedTransport } from '../../testing/scripted/createScriptedTransport.js';
import { axeViolations } from '../../../test/support/axe.js';
import { CallStats } from './CallStats.js';

afterEach(cleanup);

test('CallStats: collapsed summary, p50/p95 after real turns, a calm hint when the connection is poor, axe-clean', async () => {
  const scripted = createScriptedTransport({ replies: ['Hello there.'] });
  const session = createRealtimeSession({ transport: scripted, getClientSecret: async () => 'ek_scripted' });
  const { container } = render(<CallStats session={session} />);
  const details = container.querySelector('details')!;
  expect(details.open).toBe(false);
  expect(details.dataset.state).toBe('good');

  // The overlay's metrics are the session's shared ones (their code loads on demand): once they are there,
  // feed the player's first sample as a transport that plays audio itself would.
  const handle = acquireCallMetrics(session);
  await waitFor(() => expect(handle.get()).not.toBeNull());
  await session.connect();
  scripted.userSays('Hi');
  await scripted.settled();
  act(() => {
    const metrics = handle.get()!;
    const turn = metrics.store.getState().turns[0]!;
    metrics.firstSamplePlayed((turn.marks.serverSpeechStoppedAt ?? 0) + 420);
  });
  expect(screen.getByText(/last answer after 420 ms/)).toBeTruthy();
  expect(container.querySelector('[data-figure="voice-to-voice"]')!.textContent).toBe('420 ms / 420 ms');

  act(() => handle.get()!.reportWebSocketStats(900, 0));
  expect(details.dataset.state).toBe('poor');
  expect(details.querySelector('summary')!.textContent).toMatch(/Call poor \(round trip 900 ms\)/);
  // The hint sits outside the collapsed part, so it shows without opening the overlay.
  const hint = screen.getByRole('status');
  expect(details.contains(hint)).toBe(false);
  expect(hint.textContent).toBe('Weak connection: the agent may sound choppy or answer late.');
  expect(hint.title).toBe('round trip 900 ms');
  expect(await axeViolations(container)).toEqual([]);
  handle.release();
  await session.disconnect();
});
