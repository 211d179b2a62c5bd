// @vitest-environment jsdom
import '../../test/support/reactActEnvironment.js';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, expect, test } from 'vitest';
import {
  AgentStatus,
  RealtimeSessionProvider,
  VoiceAgent,
  useRealtimeSession,
  type RealtimeSession,
} from '../entries/index.js';
import type { SessionEnvironment } from '../session/types.js';

afterEach(cleanup);

/** Records every side effect a session could start; the key request never answers so the attempt stays open. */
function recordingEnvironment() {
  const calls = { fetch: 0, getUserMedia: 0, peerConnections: 0, audioContexts: 0, signals: [] as AbortSignal[] };
  const environment: Partial<SessionEnvironment> = {
    fetch: (_input: RequestInfo | URL, init?: RequestInit) => {
      calls.fetch += 1;
      if (init?.signal) calls.signals.push(init.signal);
      return new Promise<Response>(() => undefined);
    },
    getUserMedia: () => {
      calls.getUserMedia += 1;
      return new Promise<MediaStream>(() => undefined);
    },
    RTCPeerConnection: class {
      constructor() {
        calls.peerConnections += 1;
      }
    } as unknown as typeof RTCPeerConnection,
    AudioContext: class {
      constructor() {
        calls.audioContexts += 1;
      }
    } as unknown as typeof AudioContext,
  };
  return { calls, environment };
}

test('StrictMode: useRealtimeSession creates one session, connects nothing on mount, disconnects on unmount', () => {
  const { calls, environment } = recordingEnvironment();
  const seen = new Set<RealtimeSession>();
  function Probe() {
    seen.add(useRealtimeSession({ clientSecretUrl: '/api/realtime-session', environment }));
    return null;
  }
  const { unmount } = render(
    <StrictMode>
      <Probe />
    </StrictMode>,
  );
  expect(seen.size).toBe(1);
  expect(calls).toMatchObject({ fetch: 0, getUserMedia: 0, peerConnections: 0, audioContexts: 0 });
  const [session] = [...seen];
  expect(session?.store.getState().status).toBe('idle');
  unmount();
});

test('StrictMode: <VoiceAgent/> opens exactly one connection attempt per click and unmount cancels it', async () => {
  const { calls, environment } = recordingEnvironment();
  const user = userEvent.setup();
  const { unmount, container } = render(
    <StrictMode>
      <VoiceAgent clientSecretUrl="/api/realtime-session" environment={environment} />
    </StrictMode>,
  );
  expect(calls).toMatchObject({ fetch: 0, getUserMedia: 0, peerConnections: 0, audioContexts: 0 });
  await act(async () => {
    await user.click(screen.getByRole('button', { name: 'Start conversation' }));
  });
  expect(container.querySelector('[data-talkwire="voice-agent"]')?.getAttribute('data-status')).toBe('connecting');
  expect(calls.fetch).toBe(1);
  expect(calls.getUserMedia).toBeLessThanOrEqual(1);
  expect(calls.signals.every((s) => !s.aborted)).toBe(true);
  unmount();
  await act(async () => undefined);
  expect(calls.signals.length).toBeGreaterThan(0);
  expect(calls.signals.every((s) => s.aborted)).toBe(true);
});

test('a provider-held session is shared, and a missing provider throws an error that says what to do', () => {
  const { environment } = recordingEnvironment();
  const seen = new Set<RealtimeSession>();
  function Child() {
    seen.add(useRealtimeSession());
    return null;
  }
  render(
    <StrictMode>
      <RealtimeSessionProvider options={{ clientSecretUrl: '/k', environment }}>
        <Child />
        <Child />
      </RealtimeSessionProvider>
    </StrictMode>,
  );
  expect(seen.size).toBe(1);

  function Orphan() {
    return <VoiceAgentStatusOnly />;
  }
  const original = console.error;
  console.error = () => undefined;
  try {
    expect(() => render(<Orphan />)).toThrow(
      /No talkwire session found: wrap your component in <RealtimeSessionProvider>/,
    );
  } finally {
    console.error = original;
  }
});

function VoiceAgentStatusOnly() {
  return <AgentStatus />;
}
