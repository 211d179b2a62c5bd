// @vitest-environment jsdom
import '../support/reactActEnvironment.js';
import { act, cleanup, render } from '@testing-library/react';
import { Profiler, memo, type ProfilerOnRenderCallback } from 'react';
import { afterEach, expect, test } from 'vitest';
import {
  LevelMeter,
  RealtimeSessionProvider,
  Transcript,
  VoiceAgent,
  useTranscriptIds,
  useTranscriptEntry,
} from '../../src/entries/index.js';
import { createScriptedSession } from '../../stories/support/createScriptedSession.js';
import { conversationSteps } from '../../stories/support/conversationSteps.js';
import { assistantTurn, sessionCreated, transcriptDelta } from '../../stories/support/realtimeEvents.js';

afterEach(cleanup);

test('React Profiler: 500 deltas into one entry of a 200-entry conversation re-render only that row', () => {
  // 100 turns = 200 entries, then one more assistant turn that streams.
  const session = createScriptedSession({ initial: conversationSteps(100), animateLevels: false });
  const streaming = assistantTurn('r_stream', 'a_stream', 'a99', 'hello');
  for (const event of [...streaming.start, ...streaming.open]) session.store.receive(event);
  const renders = new Map<string, number>();
  const onRender: ProfilerOnRenderCallback = (id) => renders.set(id, (renders.get(id) ?? 0) + 1);

  // A custom transcript from the public hooks, one Profiler per row.
  function Row({ id }: { id: string }) {
    const entry = useTranscriptEntry(id);
    return <li data-role={entry?.role}>{entry?.text}</li>;
  }
  const MemoRow = memo(Row);
  function List() {
    const ids = useTranscriptIds();
    return (
      <Profiler id="list" onRender={onRender}>
        <ul>
          {ids.map((id) => (
            <Profiler key={id} id={id} onRender={onRender}>
              <MemoRow id={id} />
            </Profiler>
          ))}
        </ul>
      </Profiler>
    );
  }
  const { container } = render(
    <RealtimeSessionProvider realtimeSession={session}>
      <List />
    </RealtimeSessionProvider>,
  );
  expect(container.querySelectorAll('li')).toHaveLength(201);
  renders.clear();

  for (let i = 0; i < 500; i++) {
    act(() => {
      session.store.receive(transcriptDelta('r_stream', 'a_stream', 'x'));
    });
  }
  expect(container.querySelector('li:last-child')?.textContent).toBe('x'.repeat(500));
  // Profiler reports a commit for every profiler on the path to the rendered row: the row and its ancestors.
  expect(renders.get('a_stream')).toBe(500);
  const others = [...renders.keys()].filter((id) => id !== 'a_stream' && id !== 'list');
  expect(others).toEqual([]);
});

test('<Transcript/>: only the streaming row renders and only its DOM changes during 500 deltas', () => {
  const session = createScriptedSession({ initial: conversationSteps(100), animateLevels: false });
  const streaming = assistantTurn('r_stream', 'a_stream', 'a99', 'hello');
  for (const event of [...streaming.start, ...streaming.open]) session.store.receive(event);
  const counts = new Map<string, number>();
  // The filter runs once per row render with that row's entry: an exact per-row render counter.
  const filter = (entry: { id: string }) => {
    counts.set(entry.id, (counts.get(entry.id) ?? 0) + 1);
    return true;
  };
  const { container } = render(
    <RealtimeSessionProvider realtimeSession={session}>
      <Transcript filter={filter} />
    </RealtimeSessionProvider>,
  );
  expect(counts.size).toBe(201);
  counts.clear();
  const mutated = new Set<Element>();
  const collect = (records: MutationRecord[]) => {
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      const row = target?.closest('[data-talkwire="transcript-entry"]');
      mutated.add(row ?? (target as Element));
    }
  };
  const observer = new MutationObserver(collect);
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true });
  for (let i = 0; i < 500; i++) {
    act(() => {
      session.store.receive(transcriptDelta('r_stream', 'a_stream', 'y'));
    });
  }
  collect(observer.takeRecords());
  observer.disconnect();
  expect([...counts.keys()]).toEqual(['a_stream']);
  expect(counts.get('a_stream')).toBe(500);
  const rows = container.querySelectorAll('[data-talkwire="transcript-entry"]');
  expect([...mutated]).toEqual([rows[rows.length - 1]]);
});

test('level meters, the VoiceAgent level variables and its visualizer take level changes with zero React commits', async () => {
  const session = createScriptedSession({
    initial: [{ step: 'status', status: 'connecting' }, sessionCreated(), { step: 'status', status: 'connected' }],
    animateLevels: false,
  });
  let commits = 0;
  const { container } = render(
    <Profiler id="all" onRender={() => (commits += 1)}>
      <VoiceAgent realtimeSession={session} />
      <RealtimeSessionProvider realtimeSession={session}>
        <LevelMeter kind="input" data-testid="standalone" />
      </RealtimeSessionProvider>
    </Profiler>,
  );
  await act(async () => {
    await nextFrame();
  });
  commits = 0;
  // The visualizer is mounted and subscribed; in a real browser it draws per frame (e2e/look.spec.ts).
  expect(container.querySelector('canvas[data-talkwire="agent-visualizer"]')).not.toBeNull();
  const root = container.querySelector<HTMLElement>('[data-talkwire="voice-agent"]');
  const meter = container.querySelector<HTMLElement>('[data-testid="standalone"]');
  const seen = new Set<string>();
  for (let i = 1; i <= 30; i++) {
    session.setLevels(i / 40, 1 - i / 40);
    await nextFrame();
    seen.add(root?.style.getPropertyValue('--talkwire-input-level') ?? '');
    expect(root?.style.getPropertyValue('--talkwire-input-level')).toBe((i / 40).toFixed(3));
    expect(root?.style.getPropertyValue('--talkwire-output-level')).toBe((1 - i / 40).toFixed(3));
    expect(meter?.style.getPropertyValue('--talkwire-level')).toBe((i / 40).toFixed(3));
  }
  expect(seen.size).toBe(30);
  expect(commits).toBe(0);
});

function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}
