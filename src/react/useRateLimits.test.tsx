// @vitest-environment jsdom
import '../../test/support/reactActEnvironment.js';
import { act, cleanup, render, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, expect, test } from 'vitest';
import { RealtimeSessionProvider, Transcript, useRateLimits } from '../entries/index.js';
import { createScriptedSession } from '../../stories/support/createScriptedSession.js';
import { scenarios } from '../../stories/support/scenarios.js';

afterEach(cleanup);

test('useRateLimits is empty until rate_limits.updated, then re-renders with the latest limits', async () => {
  const session = createScriptedSession({ initial: scenarios.listening, animateLevels: false });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <RealtimeSessionProvider realtimeSession={session}>{children}</RealtimeSessionProvider>
  );
  const { result } = renderHook(() => useRateLimits(), { wrapper });
  expect(result.current).toEqual([]);
  await act(() =>
    session.play([
      {
        type: 'rate_limits.updated',
        event_id: 'event_rl',
        rate_limits: [{ name: 'tokens', limit: 15_000_000, remaining: 14_000_000, reset_seconds: 0.5 }],
      },
    ]),
  );
  expect(result.current).toEqual([{ name: 'tokens', limit: 15_000_000, remaining: 14_000_000, resetSeconds: 0.5 }]);
});

test('<Transcript/> leaves out the silent turn of an idle timeout and the server’s note before it', async () => {
  const session = createScriptedSession({ initial: scenarios.listening, animateLevels: false });
  const { container } = render(<Transcript session={session} />);
  await act(() =>
    session.play([
      {
        type: 'input_audio_buffer.timeout_triggered',
        event_id: 'e1',
        audio_start_ms: 0,
        audio_end_ms: 5000,
        item_id: 'u_idle',
      },
      {
        type: 'conversation.item.done',
        event_id: 'e2',
        item: {
          id: 'sys_1',
          type: 'message',
          role: 'system',
          status: 'completed',
          content: [{ type: 'input_text', text: 'No user speech was detected for a while.' }],
        },
      },
      {
        type: 'conversation.item.done',
        event_id: 'e3',
        previous_item_id: 'sys_1',
        item: {
          id: 'u_idle',
          type: 'message',
          role: 'user',
          status: 'completed',
          content: [{ type: 'input_audio', transcript: '' }],
        },
      },
      {
        type: 'conversation.item.done',
        event_id: 'e4',
        previous_item_id: 'u_idle',
        item: {
          id: 'a_1',
          type: 'message',
          role: 'assistant',
          status: 'completed',
          content: [{ type: 'output_text', text: 'Are you still there?' }],
        },
      },
    ]),
  );
  const rows = [...container.querySelectorAll('[data-talkwire="transcript-entry"]')];
  expect(rows.map((r) => r.getAttribute('data-role'))).toEqual(['assistant']);
  expect(container.textContent).not.toContain('(spoken)');
  expect(container.textContent).toContain('Are you still there?');
});
