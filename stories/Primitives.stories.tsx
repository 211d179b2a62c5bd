import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import {
  AgentStatus,
  DeviceSelect,
  ErrorBanner,
  InterruptButton,
  LevelMeter,
  MuteButton,
  RealtimeSessionProvider,
  RetryButton,
  TalkButton,
  Transcript,
  useAgentState,
  useConnectionStatus,
} from '../src/entries/index.js';
import { createScriptedSession } from './support/createScriptedSession.js';
import { demoConversation, scenarios, type ScenarioName } from './support/scenarios.js';

/** A custom layout composed from the headless primitives and hooks, styled by the same theme. */
function CustomUi({ scenario }: { scenario: ScenarioName }) {
  const [session] = useState(() => createScriptedSession({ initial: scenarios[scenario], afterConnect: demoConversation() }));
  return (
    <RealtimeSessionProvider realtimeSession={session}>
      <div className="talkwire" style={{ maxWidth: '40rem' }}>
        <StateLine />
        <div data-talkwire="voice-agent-header">
          <LevelMeter kind="input" style={{ width: 60, height: 10 }} />
          <AgentStatus />
          <LevelMeter kind="output" style={{ width: 60, height: 10 }} />
        </div>
        <Transcript style={{ maxHeight: '12rem' }} />
        <ErrorBanner />
        <div data-talkwire="voice-agent-controls">
          <TalkButton />
          <MuteButton />
          <InterruptButton />
          <RetryButton />
          <DeviceSelect />
        </div>
      </div>
    </RealtimeSessionProvider>
  );
}

function StateLine() {
  const status = useConnectionStatus();
  const agent = useAgentState();
  return (
    <code>
      status={status} agentState={agent}
    </code>
  );
}

const meta = {
  title: 'Primitives/Composed',
  component: CustomUi,
  args: { scenario: 'idle' },
  argTypes: { scenario: { control: 'select', options: Object.keys(scenarios) } },
  render: (args) => <CustomUi key={args.scenario} {...args} />,
} satisfies Meta<typeof CustomUi>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = {};
export const Speaking: Story = { args: { scenario: 'speaking' } };
export const Error: Story = { args: { scenario: 'sdpRejected' } };
