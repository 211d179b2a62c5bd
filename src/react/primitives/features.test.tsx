// @vitest-environment jsdom
import '../../../test/support/reactActEnvironment.js';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import {
  McpApprovalPrompt,
  PushToTalkButton,
  RealtimeSessionProvider,
  TextInput,
  ToolCallList,
  useUsage,
  type FunctionTool,
} from '../../entries/index.js';
import { createScriptedSession, type ScriptedSession } from '../../../stories/support/createScriptedSession.js';
import { featureScenarios, toolCall } from '../../../stories/support/featureScenarios.js';
import { scenarios } from '../../../stories/support/scenarios.js';
import { axeViolations } from '../../../test/support/axe.js';

afterEach(cleanup);

function mount(session: ScriptedSession, ui: ReactNode) {
  return render(<RealtimeSessionProvider realtimeSession={session}>{ui}</RealtimeSessionProvider>);
}

const sent = (session: ScriptedSession) =>
  session.store.eventLog
    .toArray()
    .filter((entry) => entry.direction === 'client')
    .map((entry) => entry.event as { type: string; [key: string]: unknown });

describe('conversation feature primitives', () => {
  test('McpApprovalPrompt: shows the pending request, sends mcp_approval_response, hides once answered; axe-clean', async () => {
    const session = createScriptedSession({ initial: featureScenarios.mcpApproval, animateLevels: false });
    const { container } = mount(session, <McpApprovalPrompt />);
    const prompt = screen.getByRole('group', { name: 'Allow calendar to run create_event?' });
    expect(prompt.textContent).toContain('"when":"20:00"');
    expect(await axeViolations(container)).toEqual([]);
    const requestId = prompt.getAttribute('data-request-id')!;
    await userEvent.click(screen.getByRole('button', { name: 'Allow' }));
    expect(sent(session).slice(-2)).toEqual([
      {
        type: 'conversation.item.create',
        item: { type: 'mcp_approval_response', approval_request_id: requestId, approve: true },
      },
      { type: 'response.create', event_id: 'talkwire_response_1' },
    ]);
    await act(() =>
      session.play([
        {
          type: 'conversation.item.added',
          event_id: 'e1',
          previous_item_id: requestId,
          item: { id: 'item_ar', type: 'mcp_approval_response', approval_request_id: requestId, approve: true },
        },
      ]),
    );
    expect(screen.queryByRole('group')).toBeNull();
  });

  test('McpApprovalPrompt: Deny sends approve false with the reason', async () => {
    const session = createScriptedSession({ initial: featureScenarios.mcpApproval, animateLevels: false });
    mount(session, <McpApprovalPrompt rejectReason="Not now" />);
    await userEvent.click(screen.getByRole('button', { name: 'Deny' }));
    expect(sent(session).at(-2)).toMatchObject({
      item: { type: 'mcp_approval_response', approve: false, reason: 'Not now' },
    });
  });

  test('TextInput: Enter sends a user input_text message and asks for a response; disabled until connected', async () => {
    const idle = createScriptedSession({ animateLevels: false });
    const first = mount(idle, <TextInput />);
    expect(screen.getByRole<HTMLInputElement>('textbox', { name: 'Type a message' }).disabled).toBe(true);
    first.unmount();

    const session = createScriptedSession({ initial: scenarios.listening, animateLevels: false });
    const { container } = mount(session, <TextInput />);
    const input = screen.getByRole<HTMLInputElement>('textbox', { name: 'Type a message' });
    await userEvent.type(input, '   {Enter}');
    expect(sent(session)).toEqual([]);
    await userEvent.type(input, 'Hello there{Enter}');
    expect(input.value).toBe('');
    expect(sent(session)).toEqual([
      {
        type: 'conversation.item.create',
        item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello there' }] },
      },
      { type: 'response.create', event_id: 'talkwire_response_1' },
    ]);
    expect(await axeViolations(container)).toEqual([]);
  });

  test('PushToTalkButton: Space held switches to push-to-talk and clears; release commits and asks once', async () => {
    const session = createScriptedSession({ initial: scenarios.listening, animateLevels: false });
    const { container } = mount(session, <PushToTalkButton />);
    const button = screen.getByRole('button', { name: 'Hold to talk' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    fireEvent.keyDown(document.body, { code: 'Space', key: ' ' });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.getAttribute('data-state')).toBe('talking');
    expect(sent(session).map((e) => e.type)).toEqual(['session.update', 'input_audio_buffer.clear']);
    fireEvent.keyDown(document.body, { code: 'Space', key: ' ', repeat: true });
    await new Promise((r) => setTimeout(r, 200));
    fireEvent.keyUp(document.body, { code: 'Space', key: ' ' });
    expect(button.getAttribute('aria-pressed')).toBe('false');
    expect(sent(session).map((e) => e.type)).toEqual([
      'session.update',
      'input_audio_buffer.clear',
      'input_audio_buffer.commit',
      'response.create',
    ]);
    expect(await axeViolations(container)).toEqual([]);
  });

  test('PushToTalkButton: typing in a field does not talk; toggle mode starts and sends on two presses', async () => {
    const session = createScriptedSession({ initial: scenarios.listening, animateLevels: false });
    mount(
      session,
      <>
        <TextInput />
        <PushToTalkButton mode="toggle" />
      </>,
    );
    fireEvent.keyDown(screen.getByRole('textbox'), { code: 'Space', key: ' ' });
    expect(sent(session)).toEqual([]);
    const button = screen.getByRole('button', { name: 'Talk' });
    fireEvent.pointerDown(button, { button: 0, pointerId: 1 });
    expect(button.getAttribute('aria-pressed')).toBe('true');
    await new Promise((r) => setTimeout(r, 200));
    fireEvent.pointerDown(button, { button: 0, pointerId: 1 });
    expect(
      sent(session)
        .map((e) => e.type)
        .slice(-2),
    ).toEqual(['input_audio_buffer.commit', 'response.create']);
  });

  test('ToolCallList: shows each call with its status; a call waiting for approval runs after Allow', async () => {
    const ran: string[] = [];
    const tools: FunctionTool[] = [
      { name: 'get_weather', handler: ({ city }: { city: string }) => (ran.push(city), { sky: 'sunny' }) },
      { name: 'pay', needsApproval: true, handler: () => (ran.push('pay'), 'paid') },
      {
        name: 'broken',
        handler: () => {
          throw new Error('down');
        },
      },
    ];
    const session = createScriptedSession({ initial: scenarios.listening, animateLevels: false, tools });
    const { container } = mount(session, <ToolCallList />);
    await act(async () => {
      await session.play([
        ...toolCall('get_weather', '{"city":"Paris"}'),
        ...toolCall('pay', '{"amount":5}'),
        ...toolCall('broken', '{}'),
      ]);
      await new Promise((r) => setTimeout(r, 0));
    });
    const rows = () =>
      [...container.querySelectorAll('[data-talkwire="tool-call"]')].map(
        (row) => `${row.getAttribute('data-name')}:${row.getAttribute('data-status')}`,
      );
    expect(rows()).toEqual(['get_weather:completed', 'pay:pending_approval', 'broken:failed']);
    expect(await axeViolations(container)).toEqual([]);
    await userEvent.click(screen.getByRole('button', { name: 'Allow' }));
    expect(rows()).toContain('pay:completed');
    expect(ran).toEqual(['Paris', 'pay']);
    const outputs = sent(session)
      .filter((e) => e.type === 'conversation.item.create')
      .map((e) => (e.item as { output: string }).output);
    expect([...outputs].sort()).toEqual(
      ['{"sky":"sunny"}', JSON.stringify({ error: 'The tool "broken" failed: down' }), 'paid'].sort(),
    );
    expect(outputs.at(-1)).toBe('paid');
  });

  test('useUsage: totals from response.done', () => {
    const session = createScriptedSession({ initial: featureScenarios.textOnly, animateLevels: false });
    function Usage() {
      const usage = useUsage();
      return <p>{`${usage.responses} ${usage.totalTokens} ${usage.cachedTokens}`}</p>;
    }
    mount(session, <Usage />);
    expect(screen.getByText('1 412 64')).toBeTruthy();
  });
});

describe('Features stories', () => {
  test('every story renders and is axe-clean', async () => {
    const stories = await import('../../../stories/Features.stories.js');
    for (const [name, story] of Object.entries(stories)) {
      if (name === 'default') continue;
      const render = (story as { render?: () => ReactNode }).render;
      if (render === undefined) continue;
      const { container, unmount } = await act(async () => mount(createScriptedSession(), render()));
      expect(container.textContent?.length ?? 0, name).toBeGreaterThan(0);
      // Stories keep playing their scripts on timers while axe runs; inside act() those renders are expected.
      let violations: unknown[] = [];
      await act(async () => {
        violations = await axeViolations(container);
      });
      expect(violations, name).toEqual([]);
      unmount();
    }
  });
});
