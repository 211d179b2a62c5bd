// @vitest-environment jsdom
import '../../../test/support/reactActEnvironment.js';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { RealtimeSessionProvider, VoiceAgent, type VoiceAgentProps } from '../../entries/index.js';
import { createScriptedTransport } from '../../entries/scripted.js';
import { createScriptedSession } from '../../../stories/support/createScriptedSession.js';
import { scenarios, type ScenarioName } from '../../../stories/support/scenarios.js';
import { axeViolations } from '../../../test/support/axe.js';

afterEach(cleanup);

const expected: Record<ScenarioName, { status: string; agent: string }> = {
  idle: { status: 'idle', agent: 'idle' },
  connecting: { status: 'connecting', agent: 'idle' },
  listening: { status: 'connected', agent: 'listening' },
  userSpeaking: { status: 'connected', agent: 'listening' },
  thinking: { status: 'connected', agent: 'thinking' },
  speaking: { status: 'connected', agent: 'speaking' },
  answered: { status: 'connected', agent: 'listening' },
  muted: { status: 'connected', agent: 'idle' },
  micDenied: { status: 'failed', agent: 'idle' },
  micUnavailable: { status: 'failed', agent: 'idle' },
  keyFailed: { status: 'failed', agent: 'idle' },
  sdpRejected: { status: 'failed', agent: 'idle' },
  connectTimeout: { status: 'failed', agent: 'idle' },
  connectionLost: { status: 'failed', agent: 'idle' },
  serverError: { status: 'connected', agent: 'listening' },
  playbackBlocked: { status: 'connected', agent: 'listening' },
  ended: { status: 'closed', agent: 'idle' },
  longTranscript: { status: 'connected', agent: 'listening' },
  functionCallRunning: { status: 'connected', agent: 'thinking' },
};

function root(container: HTMLElement): HTMLElement {
  const el = container.querySelector<HTMLElement>('[data-talkwire="voice-agent"]');
  if (el === null) throw new Error('no voice-agent root');
  return el;
}

describe('<VoiceAgent/> in every state', () => {
  for (const name of Object.keys(scenarios) as ScenarioName[]) {
    test(`${name}: DOM contract and no axe violations`, async () => {
      const session = createScriptedSession({ initial: scenarios[name], animateLevels: false });
      const { container } = render(<VoiceAgent realtimeSession={session} />);
      // Tool rows load on demand; let that finish inside act.
      await act(() => import('./VoiceAgentExtras.js'));
      const el = root(container);
      expect(el.dataset.status).toBe(expected[name].status);
      expect(el.dataset.agentState).toBe(expected[name].agent);
      expect(container.querySelectorAll('[data-talkwire="talk-button"]')).toHaveLength(1);
      const log = screen.getByRole('log');
      for (const entry of log.querySelectorAll('[data-talkwire="transcript-entry"]')) {
        expect(['user', 'assistant']).toContain(entry.getAttribute('data-role'));
      }
      expect(await axeViolations(container)).toEqual([]);
    });
  }

  test('transcript shows user and assistant turns in order, final ones readable, streaming ones hidden', () => {
    const session = createScriptedSession({ initial: scenarios.speaking, animateLevels: false });
    render(<VoiceAgent realtimeSession={session} />);
    const entries = [...screen.getByRole('log').querySelectorAll<HTMLElement>('[data-talkwire="transcript-entry"]')];
    expect(entries.map((e) => e.dataset.role)).toEqual(['user', 'assistant']);
    expect(entries[0]?.textContent).toContain('What is the weather like in Paris today?');
    expect(entries[0]?.dataset.final).toBe('true');
    expect(entries[1]?.dataset.final).toBe('false');
    expect(entries[1]?.getAttribute('aria-busy')).toBe('true');
    expect(entries[1]?.querySelector('[aria-hidden="true"]')?.textContent).toContain('It is sunny');
  });

  test('errors show a friendly message and a retry that reconnects', async () => {
    const session = createScriptedSession({ initial: scenarios.micDenied, animateLevels: false });
    render(<VoiceAgent realtimeSession={session} />);
    expect(screen.getByRole('alert').textContent).toMatch(/Microphone access is blocked/);
    const retry = screen.getByRole('button', { name: 'Try again' });
    await userEvent.click(retry);
    expect(screen.getByRole('alert').textContent).toBe('');
    expect(session.store.getState().status).toBe('connecting');
  });

  test('every visible string can be replaced', () => {
    const session = createScriptedSession({ initial: scenarios.micDenied, animateLevels: false });
    render(
      <VoiceAgent
        realtimeSession={session}
        labels={{
          start: 'Los',
          retry: 'Nochmal',
          transcript: 'Gespräch',
          status: { failed: 'Fehlgeschlagen' },
          errors: { mic_permission_denied: 'Kein Mikrofon' },
        }}
      />,
    );
    expect(screen.getByRole('button', { name: 'Los' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Nochmal' })).toBeTruthy();
    expect(screen.getByRole('log', { name: 'Gespräch' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Fehlgeschlagen');
    expect(screen.getByRole('alert').textContent).toBe('Kein Mikrofon');
  });
});

describe('keyboard', () => {
  test('Tab reaches the talk button; Enter connects, Space hangs up; mute toggles with Space', async () => {
    const user = userEvent.setup();
    const session = createScriptedSession({ onConnect: [sessionStep()], animateLevels: false });
    render(<VoiceAgent realtimeSession={session} />);
    await user.tab();
    const talk = screen.getByRole('button', { name: 'Start conversation' });
    // Focus order starts at the transcript (scrollable log), then the talk button.
    expect(document.activeElement).toBe(screen.getByRole('log'));
    await user.tab();
    expect(document.activeElement).toBe(talk);
    // user-event runs its own act(); wrapped in another one, React warns that act() is not supported there.
    await user.keyboard('{Enter}');
    expect(session.store.getState().status).toBe('connected');
    await screen.findByRole('button', { name: 'End conversation' });

    await user.tab();
    const mute = screen.getByRole('button', { name: 'Mute microphone' });
    expect(document.activeElement).toBe(mute);
    await user.keyboard(' ');
    expect(mute.getAttribute('aria-pressed')).toBe('true');
    expect(session.store.getState().mic.muted).toBe(true);

    act(() => talk.focus());
    await user.keyboard(' ');
    expect(session.store.getState().status).toBe('closed');
    await screen.findByRole('button', { name: 'Start conversation' });
  });
});

function sessionStep() {
  return { step: 'status', status: 'connecting' } as const;
}

describe('names: session is the GA config, realtimeSession the instance', () => {
  async function firstSessionUpdate(props: Partial<VoiceAgentProps>) {
    const scripted = createScriptedTransport();
    const { container, unmount } = render(
      <VoiceAgent transport={scripted} getClientSecret={async () => 'ek_test'} {...props} />,
    );
    await userEvent.click(container.querySelector<HTMLElement>('[data-talkwire="talk-button"]')!);
    await waitFor(() =>
      expect(container.querySelector('[data-talkwire="voice-agent"]')?.getAttribute('data-status')).toBe('connected'),
    );
    const update = scripted.received.find((e) => e.type === 'session.update');
    unmount();
    return update?.type === 'session.update' ? update.session : undefined;
  }

  test('session={config} configures the session it creates, as createRealtimeSession({ session }) does', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await firstSessionUpdate({ session: { instructions: 'Speak French.' } })).toMatchObject({
      instructions: 'Speak French.',
    });
    expect(warn).not.toHaveBeenCalled();
  });

  test('voice takes a custom voice ({ id }); an inline object re-rendered with the same id sends no update', async () => {
    expect(await firstSessionUpdate({ voice: { id: 'voice_abc' } })).toMatchObject({
      audio: { output: { voice: { id: 'voice_abc' } } },
    });
    const scripted = createScriptedTransport();
    const props = { transport: scripted, getClientSecret: async () => 'ek_test' };
    const { container, rerender } = render(<VoiceAgent {...props} voice={{ id: 'voice_abc' }} />);
    await userEvent.click(container.querySelector<HTMLElement>('[data-talkwire="talk-button"]')!);
    await waitFor(() => expect(root(container).getAttribute('data-status')).toBe('connected'));
    const updates = () => scripted.received.filter((e) => e.type === 'session.update');
    const before = updates().length;
    rerender(<VoiceAgent {...props} voice={{ id: 'voice_abc' }} />);
    rerender(<VoiceAgent {...props} voice={{ id: 'voice_abc' }} />);
    expect(updates()).toHaveLength(before);
    rerender(<VoiceAgent {...props} voice={{ id: 'voice_xyz' }} />);
    await waitFor(() => expect(updates()).toHaveLength(before + 1));
    expect(updates().at(-1)).toMatchObject({ session: { audio: { output: { voice: { id: 'voice_xyz' } } } } });
  });

  test('the old spellings still work for one minor version, each with one development warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await firstSessionUpdate({ config: { instructions: 'Speak Dutch.' } })).toMatchObject({
      instructions: 'Speak Dutch.',
    });
    expect(await firstSessionUpdate({ config: { instructions: 'Again.' } })).toMatchObject({ instructions: 'Again.' });

    const session = createScriptedSession({ initial: scenarios.speaking, animateLevels: false });
    const { container } = render(<VoiceAgent session={session} />);
    expect(root(container).dataset.agentState).toBe('speaking');
    render(
      <RealtimeSessionProvider session={session}>
        <VoiceAgent />
      </RealtimeSessionProvider>,
    );
    render(<VoiceAgent session={session} />);
    // Each warning's text loads with it: they come in order, a moment after the render.
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(3), { timeout: 5_000 });
    expect(warn.mock.calls.map(([message]) => String(message))).toEqual([
      expect.stringMatching(/config=\{\.\.\.\}> is deprecated: pass the GA config as session/),
      expect.stringMatching(/session=\{instance\}> is deprecated: pass the instance as realtimeSession/),
      expect.stringMatching(/<RealtimeSessionProvider session=\{\.\.\.\}> is deprecated/),
    ]);
  });
});

describe('<VoiceAgent/> call stats', () => {
  test('showStats shows the overlay (loaded on demand); without it, a poor connection shows the calm one-line hint', async () => {
    const { acquireCallMetrics } = await import('../../session/metrics/sharedCallMetrics.js');
    const { createRealtimeSession } = await import('../../session/createRealtimeSession.js');
    const scripted = createScriptedTransport({ replies: ['Hello there.'] });
    const session = createRealtimeSession({ transport: scripted, getClientSecret: async () => 'ek_scripted' });
    const { container, rerender } = render(<VoiceAgent realtimeSession={session} />);
    // Before a call nothing of it is there.
    expect(container.querySelector('[data-talkwire="call-hint"], details')).toBeNull();
    await act(() => session.connect());
    const handle = acquireCallMetrics(session);
    await waitFor(() => expect(handle.get()).not.toBeNull());
    expect(container.querySelector('[data-talkwire="call-hint"]')).toBeNull();

    act(() => handle.get()!.reportWebSocketStats(900, 0));
    const find = (selector: string) => {
      const el = container.querySelector<HTMLElement>(selector);
      if (el === null) throw new Error(`no ${selector} yet`);
      return el;
    };
    const hint = await waitFor(() => find('[data-talkwire="call-hint"]'));
    expect(hint.getAttribute('role')).toBe('status');
    expect(hint.textContent).toBe('Weak connection: the agent may sound choppy or answer late.');
    expect(await axeViolations(container)).toEqual([]);

    rerender(<VoiceAgent realtimeSession={session} showStats labels={{ weakConnection: 'Slow line.' }} />);
    const details = await waitFor(() => find('details'));
    expect(details.dataset.state).toBe('poor');
    // One hint, the overlay's, in the label given.
    expect(container.querySelectorAll('[data-talkwire="call-hint"]')).toHaveLength(1);
    expect(await axeViolations(container)).toEqual([]);
    handle.release();
    await act(() => session.disconnect());
  });
});
