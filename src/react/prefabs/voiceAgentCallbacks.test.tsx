// @vitest-environment jsdom
import '../../../test/support/reactActEnvironment.js';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, expect, test } from 'vitest';
import { VoiceAgent, type VoiceAgentCallbacks } from '../../entries/index.js';
import { createScriptedSession } from '../../../stories/support/createScriptedSession.js';
import { assistantTurn, bargeIn, userTurn } from '../../../stories/support/realtimeEvents.js';
import { axeViolations } from '../../../test/support/axe.js';

afterEach(cleanup);

function recorder() {
  const log: string[] = [];
  const callbacks: Required<Omit<VoiceAgentCallbacks, 'onEvent'>> = {
    onConnect: () => log.push('connect'),
    onDisconnect: () => log.push('disconnect'),
    onStatusChange: (status) => log.push(`status:${status}`),
    onMessage: (m) => log.push(`message:${m.role}:${m.status}:${m.text}`),
    onError: (e) => log.push(`error:${e.code}`),
  };
  return { log, callbacks };
}

test('under StrictMode the callbacks fire once each, in order, through a whole call', async () => {
  const answer = assistantTurn('resp_1', 'item_a1', 'item_u1', 'It is sunny.');
  const session = createScriptedSession({
    animateLevels: false,
    afterConnect: [...userTurn('item_u1', null, 'Weather?'), ...answer.all],
  });
  const { log, callbacks } = recorder();
  render(
    <StrictMode>
      <VoiceAgent session={session} {...callbacks} />
    </StrictMode>,
  );
  const user = userEvent.setup();
  await act(() => user.click(screen.getByRole('button', { name: 'Start conversation' })));
  await waitFor(() => expect(log).toContain('message:assistant:completed:It is sunny.'), {
    onTimeout: (e) => new Error(JSON.stringify(log), { cause: e }),
  });
  await act(() => user.click(screen.getByRole('button', { name: 'End conversation' })));
  expect(log).toEqual([
    'status:connecting',
    'status:connected',
    'connect',
    'message:user:completed:Weather?',
    'message:assistant:completed:It is sunny.',
    'status:closed',
    'disconnect',
  ]);
});

test('an interrupted answer is reported once as incomplete; a failed connect reports the error but no disconnect', async () => {
  const answer = assistantTurn('resp_1', 'item_a1', 'item_u1', 'It is sunny in Paris today.');
  const session = createScriptedSession({
    animateLevels: false,
    afterConnect: [
      ...userTurn('item_u1', null, 'Weather?'),
      ...answer.start,
      ...answer.open,
      ...answer.deltas.slice(0, 2),
      ...bargeIn('resp_1', 'item_a1', 'It is', 'item_u2'),
    ],
  });
  const { log, callbacks } = recorder();
  render(
    <StrictMode>
      <VoiceAgent session={session} {...callbacks} />
    </StrictMode>,
  );
  await act(() => userEvent.click(screen.getByRole('button', { name: 'Start conversation' })));
  await waitFor(() => expect(log.some((l) => l.startsWith('message:assistant:incomplete'))).toBe(true));
  expect(log.filter((l) => l.startsWith('message:assistant'))).toHaveLength(1);
  cleanup();

  const failing = createScriptedSession({
    animateLevels: false,
    onConnect: [{ step: 'fail', code: 'mic_permission_denied', message: 'denied' }],
  });
  const second = recorder();
  render(<VoiceAgent session={failing} {...second.callbacks} />);
  await act(() => userEvent.click(screen.getByRole('button', { name: 'Start conversation' })));
  expect(second.log).toEqual(['status:connecting', 'status:failed', 'error:mic_permission_denied']);
});

test('launcher and bar layouts keep the DOM contract and are axe-clean', async () => {
  for (const layout of ['launcher', 'bar'] as const) {
    const session = createScriptedSession({ animateLevels: false });
    const { container, unmount } = render(<VoiceAgent session={session} layout={layout} defaultOpen />);
    await waitFor(() => expect(container.querySelector('[data-talkwire="talk-button"]')).not.toBeNull());
    const root = container.querySelector<HTMLElement>('[data-talkwire="voice-agent"]');
    expect(root?.dataset.layout).toBe(layout);
    expect(root?.dataset.status).toBe('idle');
    expect(container.querySelectorAll('[role="log"]')).toHaveLength(layout === 'bar' ? 0 : 1);
    expect(await axeViolations(container)).toEqual([]);
    unmount();
  }
});
