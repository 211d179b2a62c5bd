import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import {
  AgentStatus,
  AgentVisualizer,
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
  const [session] = useState(() =>
    createScriptedSession({ initial: scenarios[scenario], afterConnect: demoConversation() }),
  );
  return (
    <RealtimeSessionProvider realtimeSession={session}>
      {/* No .talkwire wrapper: each primitive is styled by its own data-talkwire attribute. */}
      <div style={{ maxWidth: '40rem', display: 'flex', flexDirection: 'column', gap: 12 }}>
        <StateLine />
        <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
          <AgentVisualizer style={{ width: 56, height: 56 }} />
          <AgentStatus />
          <LevelMeter kind="input" />
        </div>
        <Transcript style={{ maxHeight: '12rem' }} />
        <ErrorBanner />
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
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
