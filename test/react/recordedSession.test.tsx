// @vitest-environment jsdom
import '../support/reactActEnvironment.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { VoiceAgent } from '../../src/entries/index.js';
import { createScriptedSession } from '../../stories/support/createScriptedSession.js';
import { axeViolations } from '../support/axe.js';

afterEach(cleanup);

// Vitest runs from the repository root; the shared fixtures sit next to it.
const capture = path.resolve(
  process.cwd(),
  '../shared/fixtures/realtime/sequences/beta-webrtc-3-turns.semantic-kernel.capture.jsonl',
);

test('a recorded 3-turn WebRTC session (beta names, one barge-in) renders through the real reducer', async () => {
  const lines = readFileSync(capture, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
  const session = createScriptedSession({
    initial: [
      { step: 'status', status: 'connecting' },
      { step: 'status', status: 'connected' },
    ],
    animateLevels: false,
  });
  const { container } = render(<VoiceAgent realtimeSession={session} />);
  const root = container.querySelector<HTMLElement>('[data-talkwire="voice-agent"]');
  const agentStates = new Set<string>();
  for (const line of lines) {
    act(() => {
      session.store.receive(line);
    });
    agentStates.add(root?.dataset.agentState ?? '');
  }
  expect([...agentStates]).toEqual(expect.arrayContaining(['listening', 'thinking', 'speaking']));
  const rows = [...screen.getByRole('log').querySelectorAll<HTMLElement>('[data-talkwire="transcript-entry"]')];
  const roles = rows.map((r) => r.dataset.role);
  expect(roles.filter((r) => r === 'user')).toHaveLength(3);
  expect(roles.filter((r) => r === 'assistant').length).toBeGreaterThanOrEqual(2);
  for (const row of rows) expect(['user', 'assistant']).toContain(row.dataset.role);
  expect(rows.every((r) => r.dataset.final === 'true')).toBe(true);
  expect(await axeViolations(container)).toEqual([]);
});
