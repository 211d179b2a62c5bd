// @vitest-environment jsdom
import '../../test/support/reactActEnvironment.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach, expect, test } from 'vitest';
import {
  RealtimeSessionProvider,
  useAudioLevel,
  useMicrophone,
  usePushToTalk,
  useTranscript,
  useTranscriptEntry,
  useTranscriptIds,
  useVoiceAgent,
  type RealtimeSession,
  type VoiceAgentCallbacks,
} from '../entries/index.js';
import { createScriptedSession } from '../../stories/support/createScriptedSession.js';
import type { ServerEventJson } from '../../stories/support/realtimeEvents.js';

afterEach(cleanup);

// The first two turns of a recorded WebRTC session (beta names): the assistant greets, the user speaks, the
// assistant answers.
const capture = path.resolve(
  process.cwd(),
  '../shared/fixtures/realtime/sequences/beta-webrtc-3-turns.semantic-kernel.capture.jsonl',
);
const recorded = readFileSync(capture, 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as ServerEventJson);
const twoTurns = recorded.slice(
  0,
  recorded.findIndex((event, index) => index > 30 && event.type === 'output_audio_buffer.stopped') + 1,
);

function recordCallbacks(log: string[]): Required<VoiceAgentCallbacks> {
  return {
    onStatusChange: (status) => log.push(`status:${status}`),
    onConnect: () => log.push('connect'),
    onDisconnect: () => log.push('disconnect'),
    onMessage: (message) => log.push(`message:${message.role}:${message.text}`),
    onError: (error) => log.push(`error:${error.code}`),
  };
}

function Agent(props: { log: string[] }) {
  // A new callbacks object every render, as an inline object would be: the latest is used, none is repeated.
  const agent = useVoiceAgent(recordCallbacks(props.log));
  return (
    <div data-status={agent.status} data-agent-state={agent.agentState} data-speaking={agent.isSpeaking}>
      <button type="button" onClick={() => void (agent.status === 'connected' ? agent.stop() : agent.start())}>
        {agent.status === 'connected' ? 'Hang up' : 'Talk'}
      </button>
      <ol role="log">
        {agent.messages.map((m) => (
          <li key={m.id} data-role={m.role}>
            {m.text}
          </li>
        ))}
      </ol>
    </div>
  );
}

test('useVoiceAgent through a whole conversation under StrictMode: state, messages, each callback once and in order', async () => {
  const session = createScriptedSession({ onConnect: [], animateLevels: false });
  const log: string[] = [];
  const { container } = render(
    <StrictMode>
      <RealtimeSessionProvider session={session}>
        <Agent log={log} />
      </RealtimeSessionProvider>
    </StrictMode>,
  );
  const root = container.firstElementChild as HTMLElement;
  expect(root.dataset.status).toBe('idle');

  await act(async () => screen.getByRole('button', { name: 'Talk' }).click());
  expect(root.dataset.status).toBe('connected');

  const speaking = new Set<string>();
  for (const event of twoTurns) {
    await act(() => session.play([event]));
    speaking.add(root.dataset.speaking ?? '');
  }
  expect(speaking).toEqual(new Set(['true', 'false']));
  const rows = [...screen.getByRole('log').querySelectorAll('li')].map((li) => li.dataset.role);
  expect(rows).toEqual(['assistant', 'user', 'assistant']);

  await act(async () => screen.getByRole('button', { name: 'Hang up' }).click());
  expect(root.dataset.status).toBe('closed');

  expect(log).toEqual([
    'status:connecting',
    'status:connected',
    'connect',
    'message:assistant:Hey there! How can I help you today?',
    expect.stringMatching(/^message:user:/),
    expect.stringMatching(/^message:assistant:I'm doing great, thanks for asking!/),
    'status:closed',
    'disconnect',
  ]);
});

test('without a provider, useVoiceAgent makes its own real session from options; a failed start lands in error and onError', async () => {
  const log: string[] = [];
  // jsdom has no RTCPeerConnection: the real session refuses to start, which is the failure path under test.
  const { result } = renderHook(
    () => useVoiceAgent({ clientSecretUrl: '/api/realtime-session', ...recordCallbacks(log) }),
    {
      wrapper: StrictMode,
    },
  );
  await act(() => result.current.start());
  expect(result.current.status).toBe('failed');
  expect(result.current.error?.code).toBe('unsupported_environment');
  expect(log).toEqual(['status:connecting', 'status:failed', 'error:unsupported_environment']);
});

test('an explicit session wins over the provider, as the last argument of every hook', () => {
  const provided = createScriptedSession({ animateLevels: false });
  const explicit = createScriptedSession({ animateLevels: false });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <RealtimeSessionProvider session={provided}>{children}</RealtimeSessionProvider>
  );
  const { result } = renderHook(() => ({ agent: useVoiceAgent({}, explicit), fromProvider: useVoiceAgent() }), {
    wrapper,
  });
  expect(result.current.agent.session).toBe(explicit satisfies RealtimeSession);
  expect(result.current.fromProvider.session).toBe(provided);
});

test('useTranscript returns entries; useTranscriptIds + useTranscriptEntry stay for row-level rendering', async () => {
  const session = createScriptedSession({ animateLevels: false });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <RealtimeSessionProvider session={session}>{children}</RealtimeSessionProvider>
  );
  const { result } = renderHook(
    () => {
      const ids = useTranscriptIds();
      return { entries: useTranscript(), ids, first: useTranscriptEntry(ids[0] ?? '') };
    },
    { wrapper },
  );
  await act(() => session.play(twoTurns.slice(0, 25)));
  expect(result.current.entries.map((e) => e.text)).toEqual(['Hey there! How can I help you today?']);
  expect(result.current.ids).toEqual([result.current.entries[0]!.id]);
  expect(result.current.first).toBe(result.current.entries[0]);
});

test('the session last: useMicrophone, useAudioLevel and usePushToTalk take it as their last argument; the old forms still work', () => {
  const provided = createScriptedSession({ animateLevels: false });
  const explicit = createScriptedSession({ animateLevels: false });
  explicit.setLevels(0.5, 0.25);
  const wrapper = ({ children }: { children: ReactNode }) => (
    <RealtimeSessionProvider session={provided}>{children}</RealtimeSessionProvider>
  );
  const { result } = renderHook(
    () => ({
      mic: useMicrophone({}, explicit),
      micOld: useMicrophone(explicit),
      micOldWithOptions: useMicrophone(undefined, {}),
      level: useAudioLevel('input', {}, explicit),
      levelOld: useAudioLevel('output', { session: explicit }),
      ptt: usePushToTalk({ key: null }, explicit),
    }),
    { wrapper },
  );
  act(() => result.current.mic.setMuted(true));
  expect(explicit.store.getState().mic.muted).toBe(true);
  expect(provided.store.getState().mic.muted).toBe(false);
  expect(result.current.micOld.muted).toBe(true);
  // The old order with no session falls back to the provider.
  expect(result.current.micOldWithOptions.muted).toBe(false);
  expect(result.current.level.read()).toBe(0.5);
  expect(result.current.levelOld.read()).toBe(0.25);
  expect(result.current.ptt.talking).toBe(false);
});
