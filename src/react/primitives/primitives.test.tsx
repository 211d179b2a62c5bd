// @vitest-environment jsdom
import '../../../test/support/reactActEnvironment.js';
import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, test } from 'vitest';
import {
  AgentStatus,
  DeviceSelect,
  ErrorBanner,
  InterruptButton,
  LevelMeter,
  MuteButton,
  RealtimeSessionProvider,
  ResumeAudioButton,
  RetryButton,
  TalkButton,
  Transcript,
} from '../../entries/index.js';
import { createScriptedSession, type ScriptedSession } from '../../../stories/support/createScriptedSession.js';
import { scenarios, type ScenarioName } from '../../../stories/support/scenarios.js';
import { axeViolations } from '../../../test/support/axe.js';

afterEach(cleanup);

function setup(name: ScenarioName, ui: ReactNode, session?: ScriptedSession) {
  const s = session ?? createScriptedSession({ initial: scenarios[name], animateLevels: false });
  const result = render(<RealtimeSessionProvider realtimeSession={s}>{ui}</RealtimeSessionProvider>);
  return { session: s, ...result };
}

const primitives: Record<string, () => ReactNode> = {
  TalkButton: () => <TalkButton />,
  MuteButton: () => <MuteButton />,
  InterruptButton: () => <InterruptButton />,
  LevelMeter: () => <LevelMeter kind="input" />,
  Transcript: () => <Transcript />,
  AgentStatus: () => <AgentStatus />,
  DeviceSelect: () => <DeviceSelect />,
  ErrorBanner: () => <ErrorBanner />,
  RetryButton: () => <RetryButton />,
  ResumeAudioButton: () => <ResumeAudioButton />,
};
const states: ScenarioName[] = [
  'idle',
  'connecting',
  'listening',
  'speaking',
  'muted',
  'micDenied',
  'serverError',
  'playbackBlocked',
  'functionCallRunning',
];

describe('axe finds no violations', () => {
  for (const [name, ui] of Object.entries(primitives)) {
    test(`${name} in ${states.length} states`, async () => {
      for (const state of states) {
        const { container, unmount } = setup(state, ui());
        expect(await axeViolations(container), `${name} in ${state}`).toEqual([]);
        unmount();
      }
    });
  }
});

describe('TalkButton', () => {
  test('connects when idle, cancels while connecting, hangs up when connected; data-state follows the status', async () => {
    const user = userEvent.setup();
    const session = createScriptedSession({ onConnect: [{ step: 'wait', ms: 10_000 }], animateLevels: false });
    setup('idle', <TalkButton />, session);
    const button = screen.getByRole('button');
    expect(button.getAttribute('data-talkwire')).toBe('talk-button');
    expect(button.dataset.state).toBe('idle');
    expect(button.textContent).toBe('Start conversation');
    button.focus();
    await act(() => user.keyboard('{Enter}'));
    expect(button.dataset.state).toBe('connecting');
    expect(button.textContent).toBe('Connecting… (cancel)');
    await act(() => user.keyboard(' '));
    expect(button.dataset.state).toBe('closed');
    expect(button.textContent).toBe('Start conversation');
  });

  test('a connected button hangs up', async () => {
    const { session } = setup('listening', <TalkButton labels={{ end: 'Hang up' }} />);
    await act(() => userEvent.click(screen.getByRole('button', { name: 'Hang up' })));
    expect(session.store.getState().status).toBe('closed');
  });
});

test('MuteButton: aria-pressed and data-state follow the mic; Space toggles', async () => {
  const user = userEvent.setup();
  const { session } = setup('listening', <MuteButton />);
  const button = screen.getByRole('button', { name: 'Mute microphone' });
  expect(button.getAttribute('aria-pressed')).toBe('false');
  button.focus();
  await user.keyboard(' ');
  expect(button.getAttribute('aria-pressed')).toBe('true');
  expect(button.dataset.state).toBe('muted');
  expect(session.store.getState().mic.muted).toBe(true);
  await user.keyboard('{Enter}');
  expect(session.store.getState().mic.muted).toBe(false);
});

test('InterruptButton: disabled while listening; while speaking it cancels and clears, and the agent listens', async () => {
  const idle = setup('listening', <InterruptButton />);
  expect(screen.getByRole<HTMLButtonElement>('button').disabled).toBe(true);
  idle.unmount();

  const { session } = setup('speaking', <InterruptButton />);
  const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Stop speaking' });
  expect(button.disabled).toBe(false);
  expect(session.store.getState().agentState).toBe('speaking');
  await act(() => userEvent.click(button));
  const sent = session.store.eventLog
    .toArray()
    .filter((e) => e.direction === 'client')
    .map((e) => e.type);
  // The cut reply is re-read to learn which part was heard.
  expect(sent).toEqual(['response.cancel', 'output_audio_buffer.clear', 'conversation.item.retrieve']);
  expect(session.store.getState().agentState).toBe('listening');
  expect(button.disabled).toBe(true);
});

test('LevelMeter: hidden from assistive technology, active only while connected', () => {
  const { container, unmount } = setup('idle', <LevelMeter kind="output" />);
  const meter = container.querySelector<HTMLElement>('[data-talkwire="level-meter"]');
  expect(meter?.getAttribute('aria-hidden')).toBe('true');
  expect(meter?.dataset.state).toBe('inactive');
  expect(meter?.dataset.kind).toBe('output');
  unmount();
  const connected = setup('listening', <LevelMeter kind="output" />);
  expect(connected.container.querySelector<HTMLElement>('[data-talkwire="level-meter"]')?.dataset.state).toBe('active');
});

test('AgentStatus announces connection status, then the agent state', () => {
  const cases: Array<[ScenarioName, string, string]> = [
    ['idle', 'Not connected', 'idle'],
    ['connecting', 'Connecting…', 'connecting'],
    ['listening', 'Listening', 'listening'],
    ['thinking', 'Thinking', 'thinking'],
    ['speaking', 'Speaking', 'speaking'],
    ['micDenied', 'Connection failed', 'failed'],
    ['ended', 'Call ended', 'closed'],
  ];
  for (const [state, text, dataState] of cases) {
    const { unmount } = setup(state, <AgentStatus />);
    const status = screen.getByRole('status');
    expect(status.textContent, state).toBe(text);
    expect(status.dataset.state).toBe(dataState);
    unmount();
  }
});

test('Transcript: empty placeholder, then entries with data-role/kind/status; tool outputs and system items hidden', () => {
  const empty = setup('listening', <Transcript />);
  expect(screen.getByRole('log').dataset.state).toBe('empty');
  expect(screen.getByRole('log').textContent).toBe('Press start and say hello.');
  empty.unmount();

  setup('functionCallRunning', <Transcript />);
  const log = screen.getByRole('log', { name: 'Conversation' });
  expect(log.getAttribute('aria-live')).toBe('polite');
  const rows = [...log.querySelectorAll<HTMLElement>('[data-talkwire="transcript-entry"]')];
  expect(rows.map((r) => [r.dataset.role, r.dataset.kind, r.dataset.status])).toEqual([
    ['user', 'message', 'completed'],
    ['assistant', 'function_call', 'in_progress'],
  ]);
  expect(rows[1]?.textContent).toContain('get_weather');
});

test('ErrorBanner is an always-present alert that fills with the message; RetryButton appears with it', async () => {
  const ok = setup(
    'listening',
    <>
      <ErrorBanner />
      <RetryButton />
    </>,
  );
  expect(screen.getByRole('alert').textContent).toBe('');
  expect(screen.getByRole('alert').dataset.state).toBe('none');
  expect(screen.queryByRole('button')).toBeNull();
  ok.unmount();

  const { session } = setup(
    'sdpRejected',
    <>
      <ErrorBanner />
      <RetryButton />
    </>,
  );
  const alert = screen.getByRole('alert');
  expect(alert.dataset.code).toBe('sdp_rejected');
  expect(alert.textContent).toBe('The voice service refused the call. Try again in a moment.');
  await act(() => userEvent.click(screen.getByRole('button', { name: 'Try again' })));
  expect(session.store.getState().lastError).toBeNull();
  expect(session.store.getState().status).toBe('connecting');
  expect(screen.queryByRole('button')).toBeNull();
});

test('ErrorBanner shows the server message for codes without a friendly text', () => {
  setup('serverError', <ErrorBanner />);
  expect(screen.getByRole('alert').textContent).toBe("Invalid value: 'x'. Supported values are: 'alloy', 'marin'.");
});

test('ResumeAudioButton appears only when playback is blocked and resumes it', async () => {
  const { session } = setup('playbackBlocked', <ResumeAudioButton />);
  await act(() => userEvent.click(screen.getByRole('button', { name: 'Turn on sound' })));
  expect(session.store.getState().output.playbackBlocked).toBe(false);
  expect(screen.queryByRole('button')).toBeNull();
});

test('DeviceSelect is a labelled native select with the default entry', () => {
  setup('listening', <DeviceSelect />);
  const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Microphone' });
  expect(select.value).toBe('');
  expect(select.options[0]?.textContent).toBe('Default microphone');
});

test('DeviceSelect lists injected inputs, follows devicechange and records the choice', async () => {
  class Devices extends EventTarget {
    list: MediaDeviceInfo[] = [
      device('default', 'Default - Built-in'),
      device('mic-1', 'Built-in'),
      device('mic-2', ''),
    ];
    enumerateDevices = async () => this.list;
  }
  const devices = new Devices();
  const { session } = setup('listening', <DeviceSelect mediaDevices={devices} />);
  const select = screen.getByRole<HTMLSelectElement>('combobox', { name: 'Microphone' });
  await act(async () => undefined);
  expect([...select.options].map((o) => o.textContent)).toEqual(['Default microphone', 'Built-in', 'Microphone 2']);
  devices.list = [...devices.list, device('usb', 'USB headset')];
  await act(async () => {
    devices.dispatchEvent(new Event('devicechange'));
  });
  expect([...select.options].map((o) => o.textContent)).toContain('USB headset');
  await act(() => userEvent.selectOptions(select, 'usb'));
  expect(session.store.getState().mic.deviceId).toBe('usb');
  expect(select.value).toBe('usb');
});

function device(deviceId: string, label: string): MediaDeviceInfo {
  return { deviceId, label, kind: 'audioinput', groupId: 'g', toJSON: () => ({}) };
}

test('primitives forward refs, className and style', () => {
  let button: HTMLButtonElement | null = null;
  setup(
    'idle',
    <TalkButton
      ref={(el) => {
        button = el;
      }}
      className="mine"
      style={{ color: 'red' }}
    />,
  );
  const el = screen.getByRole('button');
  expect(button).toBe(el);
  expect(el.className).toBe('mine');
  expect(el.style.color).toBe('red');
});
