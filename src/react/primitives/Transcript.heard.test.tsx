// @vitest-environment jsdom
import '../../../test/support/reactActEnvironment.js';
import { cleanup, render } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { RealtimeSessionProvider, Transcript } from '../../entries/index.js';
import { createScriptedSession } from '../../../stories/support/createScriptedSession.js';

afterEach(cleanup);

test('the unheard tail of an interrupted reply renders apart, hidden from screen readers, with an announced mark', () => {
  const session = createScriptedSession({ animateLevels: false });
  const item = {
    id: 'a1',
    type: 'message',
    role: 'assistant',
    status: 'incomplete',
    content: [{ type: 'output_audio', transcript: 'One two three four.' }],
  };
  session.store.receive({ type: 'conversation.item.done', event_id: 'e1', previous_item_id: null, item });
  session.store.receive({
    type: 'conversation.item.retrieved',
    event_id: 'e2',
    item: { ...item, content: [{ type: 'output_audio', transcript: 'One two' }] },
  });
  const { container } = render(
    <RealtimeSessionProvider realtimeSession={session}>
      <Transcript />
    </RealtimeSessionProvider>,
  );
  const row = container.querySelector('[data-talkwire="transcript-entry"]')!;
  expect(row.getAttribute('data-heard')).toBe('partial');
  const unheard = row.querySelector('[data-talkwire="transcript-unheard"]')!;
  expect(unheard.textContent).toBe(' three four.');
  expect(unheard.getAttribute('aria-hidden')).toBe('true');
  expect(row.querySelector('[data-talkwire="transcript-interrupted"]')?.textContent).toBe(' (interrupted)');
  expect(row.textContent).toBe('Assistant: One two three four. (interrupted)');
});
