// @vitest-environment jsdom
// React commits while a reply streams and while levels move, counted with React's Profiler on the full
// <VoiceAgent/> over a 200-entry conversation. Writes its figures to the file named by TALKWIRE_BENCH_OUT.
import '../test/support/reactActEnvironment.js';
import { writeFileSync } from 'node:fs';
import { act, render } from '@testing-library/react';
import { Profiler } from 'react';
import { test } from 'vitest';
import { VoiceAgent } from '../src/entries/index.js';
import { createScriptedSession } from '../stories/support/createScriptedSession.js';
import { conversationSteps } from '../stories/support/conversationSteps.js';
import { assistantTurn, transcriptDelta } from '../stories/support/realtimeEvents.js';

const DELTAS = 1000;
const LEVEL_UPDATES = 1000;

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

test('rendering cost of <VoiceAgent/>', async () => {
  const session = createScriptedSession({ initial: conversationSteps(100), animateLevels: false });
  const streaming = assistantTurn('r_stream', 'a_stream', 'a99', 'hello');
  for (const event of [...streaming.start, ...streaming.open]) session.store.receive(event);

  let commits = 0;
  const { container } = render(
    <Profiler id="voice-agent" onRender={() => (commits += 1)}>
      <VoiceAgent realtimeSession={session} />
    </Profiler>,
  );
  await act(async () => {
    await nextFrame();
  });
  const rowElements = [...container.querySelectorAll('[data-talkwire="transcript-entry"]')];
  const rows = rowElements.length;
  commits = 0;
  // Which rows' DOM changed: the streaming row only, if rows are memoised as they should be.
  const mutated = new Map<Element, number>();
  const collect = (records: MutationRecord[]) => {
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      const row = target?.closest('[data-talkwire="transcript-entry"]') ?? target;
      if (row) mutated.set(row, (mutated.get(row) ?? 0) + 1);
    }
  };
  const observer = new MutationObserver(collect);
  observer.observe(container, { subtree: true, childList: true, characterData: true, attributes: true });

  for (let i = 0; i < DELTAS; i++) {
    act(() => {
      session.store.receive(transcriptDelta('r_stream', 'a_stream', 'x'));
    });
  }
  collect(observer.takeRecords());
  observer.disconnect();
  const deltaCommits = commits;
  const streamingRow = rowElements[rowElements.length - 1];
  const streamingRowMutations = streamingRow ? (mutated.get(streamingRow) ?? 0) : 0;
  const otherElementsMutated = [...mutated.keys()].filter((el) => el !== streamingRow).length;
  if (!container.textContent?.includes('x'.repeat(DELTAS))) throw new Error('the deltas did not reach the DOM');

  commits = 0;
  const root = container.querySelector<HTMLElement>('[data-talkwire="voice-agent"]');
  for (let i = 1; i <= LEVEL_UPDATES; i++) {
    session.setLevels((i % 100) / 100, 1 - (i % 100) / 100);
    if (i % 50 === 0) await nextFrame();
  }
  await nextFrame();
  const levelCommits = commits;
  const levelVar = root?.style.getPropertyValue('--talkwire-input-level') ?? '';

  const out = process.env.TALKWIRE_BENCH_OUT;
  const result = {
    rows,
    deltas: DELTAS,
    deltaCommits,
    streamingRowMutations,
    otherElementsMutated,
    levelUpdates: LEVEL_UPDATES,
    levelCommits,
    levelVar,
  };
  if (out) writeFileSync(out, JSON.stringify(result));
  else console.log(result);
}, 300_000);
