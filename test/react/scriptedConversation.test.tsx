// @vitest-environment jsdom
// A whole conversation through the real createRealtimeSession, store, tool runner, hooks and <VoiceAgent/>, with
// the scripted transport in place of the network: what users get from talkwire/testing/scripted.
import '../support/reactActEnvironment.js';
import { act, cleanup, render, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, test } from 'vitest';
import {
  createRealtimeSession,
  selectItem,
  selectOrder,
  VoiceAgent,
  type ToolCallState,
} from '../../src/entries/index.js';
import { createScriptedTransport } from '../../src/entries/scripted.js';

afterEach(cleanup);

const LONG =
  'Paris has many museums. The Louvre is the largest, and the Orsay holds the impressionists, and there is much more to say.';

function part(container: HTMLElement, name: string): HTMLElement {
  const el = container.querySelector<HTMLElement>(`[data-talkwire="${name}"]`);
  if (el === null) throw new Error(`no ${name}`);
  return el;
}

const rows = (container: HTMLElement) =>
  [...container.querySelectorAll<HTMLElement>('[data-talkwire="transcript-entry"]')].map(
    (row) =>
      `${row.dataset.role}: ${row.querySelector('[data-talkwire="transcript-text"]')?.textContent?.replace(/^[^:]+: /, '')}`,
  );

test('connect, a user turn, a tool call, a streamed reply, interrupt and disconnect, rendered by <VoiceAgent/>', async () => {
  const scripted = createScriptedTransport({
    replies: [{ call: 'get_weather', arguments: { city: 'Paris' } }, 'It is sunny in Paris.', LONG],
    // Slow enough that the long reply is still streaming when the interrupt click lands.
    intervalMs: 5,
  });
  const toolCalls: string[] = [];
  const session = createRealtimeSession({
    transport: scripted,
    getClientSecret: async () => 'ek_scripted',
    session: { instructions: 'Be brief.' },
    tools: [
      {
        name: 'get_weather',
        description: 'Weather for a city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        handler: ({ city }: { city: string }) => ({ city, sky: 'sunny' }),
      },
    ],
  });
  session.on('tool_call', (call: ToolCallState) => toolCalls.push(`${call.name}:${call.status}`));
  const { container } = render(<VoiceAgent realtimeSession={session} />);
  const agent = part(container, 'voice-agent');
  expect(agent.dataset.status).toBe('idle');

  // Connect from the talk button: the connect config goes out as session.update and is confirmed.
  await userEvent.click(part(container, 'talk-button'));
  await waitFor(() => expect(agent.dataset.status).toBe('connected'));
  expect(scripted.received[0]).toMatchObject({
    type: 'session.update',
    session: { instructions: 'Be brief.', type: 'realtime' },
  });
  expect(session.store.getState().session?.instructions).toBe('Be brief.');

  // A user turn; the model calls the tool; the real tool runner answers and asks for the reply, which streams.
  act(() => scripted.userSays('What is the weather in Paris?'));
  await waitFor(() => expect(rows(container)).toContain('user: What is the weather in Paris?'));
  await waitFor(() => expect(toolCalls).toContain('get_weather:completed'));
  const output = scripted.received.find(
    (e) => e.type === 'conversation.item.create' && e.item.type === 'function_call_output',
  );
  expect(output).toMatchObject({ item: { output: JSON.stringify({ city: 'Paris', sky: 'sunny' }) } });
  // Tool rows load on demand with the first tool call.
  await waitFor(() => expect(part(container, 'tool-call').dataset.status).toBe('completed'));
  await waitFor(() => expect(rows(container)).toContain('assistant: It is sunny in Paris.'));
  await act(() => scripted.settled());
  expect(agent.dataset.agentState).toBe('listening');

  // Another turn: the reply streams word by word, and the user cuts it off with the interrupt button.
  act(() => scripted.userSays('Tell me about its museums.'));
  await waitFor(() => expect(agent.dataset.agentState).toBe('speaking'));
  await waitFor(() => expect(rows(container).some((r) => r.startsWith('assistant: Paris has'))).toBe(true));
  const interrupt = part(container, 'interrupt-button');
  expect(interrupt.dataset.state).toBe('enabled');
  await userEvent.click(interrupt);
  await act(() => scripted.settled());
  const sent = scripted.received.map((e) => e.type);
  // The cut reply is re-read to learn which part was heard.
  expect(sent.slice(-3)).toEqual(['response.cancel', 'output_audio_buffer.clear', 'conversation.item.retrieve']);
  const cut = rows(container).find((r) => r.startsWith('assistant: Paris has'))!;
  expect(LONG.startsWith(cut.slice('assistant: '.length))).toBe(true);
  expect(cut.length - 'assistant: '.length).toBeLessThan(LONG.length);
  const last = selectOrder(session.store.getState()).at(-1)!;
  expect(selectItem(session.store.getState(), last)?.status).toBe('incomplete');
  expect(agent.dataset.agentState).toBe('listening');

  // Hang up from the same button.
  await userEvent.click(part(container, 'talk-button'));
  await waitFor(() => expect(agent.dataset.status).toBe('closed'));
  expect(() => scripted.userSays('Hello?')).toThrow(/not connected/);
  expect(rows(container)).toEqual([
    'user: What is the weather in Paris?',
    'assistant: get_weather({"city":"Paris"})',
    'assistant: It is sunny in Paris.',
    'user: Tell me about its museums.',
    cut,
  ]);
});

test('a dropped scripted connection fails the session like a lost call', async () => {
  const scripted = createScriptedTransport();
  const session = createRealtimeSession({ transport: scripted, getClientSecret: async () => 'ek_scripted' });
  await session.connect();
  scripted.drop();
  expect(session.store.getState().status).toBe('failed');
  expect(session.store.getState().lastError?.code).toBe('data_channel_closed');
});

test("transport: 'websocket' loads on connect; nothing listening is a clear connection_failed that names no key", async () => {
  const session = createRealtimeSession({
    transport: 'websocket',
    apiBaseUrl: 'http://127.0.0.1:9/v1',
    getClientSecret: async () => 'ek_secret_x',
  });
  const error = await session.connect().then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );
  expect(error).toMatchObject({ code: 'connection_failed' });
  expect(error!.message).not.toContain('ek_secret_x');
  expect(session.store.getState().status).toBe('failed');
});
