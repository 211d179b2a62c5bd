// @vitest-environment jsdom
import '../../test/support/reactActEnvironment.js';
import { act, cleanup, render, renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, expect, test } from 'vitest';
import {
  RealtimeSessionProvider,
  VoiceAgent,
  subscribeAudioLevel,
  useRealtimeEvent,
  useRealtimeSessionContext,
  createRealtimeSession,
  type RealtimeError,
  type SessionEventType,
  type ServerEvent,
} from '../entries/index.js';
import { createScriptedSession } from '../../stories/support/createScriptedSession.js';
import { scenarios } from '../../stories/support/scenarios.js';
import { serverError, userSpeechStarted } from '../../stories/support/realtimeEvents.js';

afterEach(cleanup);

test('useRealtimeEvent calls the latest handler, for session events and for one server event type', () => {
  const session = createScriptedSession({ initial: scenarios.listening, animateLevels: false });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <RealtimeSessionProvider realtimeSession={session}>{children}</RealtimeSessionProvider>
  );
  const calls: string[] = [];
  const { rerender, unmount } = renderHook(
    ({ tag }: { tag: string }) => {
      useRealtimeEvent('input_audio_buffer.speech_started', (event) => calls.push(`${tag}:${event.item_id}`));
      useRealtimeEvent('server_event', (event) => calls.push(`${tag}:any:${event.type}`));
    },
    { wrapper, initialProps: { tag: 'first' } },
  );
  act(() => void session.play(userSpeechStarted('item_x')));
  rerender({ tag: 'second' });
  act(() => void session.play(userSpeechStarted('item_y')));
  expect(calls).toEqual([
    'first:item_x',
    'first:any:input_audio_buffer.speech_started',
    'second:item_y',
    'second:any:input_audio_buffer.speech_started',
  ]);
  unmount();
  act(() => void session.play(userSpeechStarted('item_z')));
  expect(calls).toHaveLength(4);
});

test('useRealtimeEvent subscribes to every session event type by its own name, not as a server event type', () => {
  const session = createRealtimeSession();
  const subscribed: string[] = [];
  const on = session.on.bind(session);
  session.on = (type, handler) => {
    subscribed.push(type);
    return on(type, handler);
  };
  const types: SessionEventType[] = [
    'server_event',
    'client_event',
    'status',
    'error',
    'warning',
    'session_limit_warning',
    'tool_error',
    'tool_call',
  ];
  const { unmount } = renderHook(() => {
    // `types` is constant, so every render calls the hooks in the same order.
    // eslint-disable-next-line react-hooks/rules-of-hooks
    for (const type of types) useRealtimeEvent(type, () => undefined, session);
  });
  expect(subscribed).toEqual(types);
  unmount();
});

test('useRealtimeSessionContext outside a provider says what to do', () => {
  expect(() => renderHook(() => useRealtimeSessionContext())).toThrow(
    'No talkwire session found: wrap your component in <RealtimeSessionProvider> or pass a `session` prop.',
  );
});

test('<VoiceAgent onError onEvent/> receive the session errors and server events', () => {
  const session = createScriptedSession({ initial: scenarios.listening, animateLevels: false });
  const errors: RealtimeError[] = [];
  const events: ServerEvent[] = [];
  render(<VoiceAgent realtimeSession={session} onError={(e) => errors.push(e)} onEvent={(e) => events.push(e)} />);
  act(() => void session.play([serverError('invalid_value', 'Bad voice.')]));
  expect(events.map((e) => e.type)).toEqual(['error']);
  expect(errors.map((e) => [e.code, e.message])).toEqual([['server_error', 'Bad voice.']]);
});

test('subscribeAudioLevel writes once per frame, only on change, and at most every minIntervalMs when asked', async () => {
  const session = createScriptedSession({ initial: scenarios.listening, animateLevels: false });
  const fast: number[] = [];
  const slow: number[] = [];
  const offFast = subscribeAudioLevel(session, 'input', (level) => fast.push(level));
  const offSlow = subscribeAudioLevel(session, 'input', (level) => slow.push(level), { minIntervalMs: 200 });
  await frame();
  for (let i = 1; i <= 10; i++) {
    session.setLevels(i / 10, 0);
    session.setLevels(i / 10, 0); // same value twice in one frame: one write
    await frame();
  }
  session.setLevels(1, 0); // unchanged: no write
  await frame();
  offFast();
  offSlow();
  expect(fast).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  // ~10 frames of ~16 ms: the reduced-rate subscriber wrote at most a few times.
  expect(slow.length).toBeLessThanOrEqual(3);
  expect(slow[0]).toBe(0);
});

function frame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
