import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState, type CSSProperties } from 'react';
import { VoiceAgent, type VoiceAgentProps } from '../src/entries/index.js';
import { createScriptedSession, type ScriptStep } from './support/createScriptedSession.js';
import { demoConversation, scenarios, type ScenarioName } from './support/scenarios.js';

/**
 * Every state of `<VoiceAgent/>`, reached by playing scripted Realtime server events into the real store and
 * reducer. No network, no microphone.
 */
interface ScriptedAgentProps extends Omit<VoiceAgentProps, 'session'> {
  scenario: ScenarioName;
  afterConnect?: ScriptStep[];
}

function ScriptedAgent({ scenario, afterConnect, ...props }: ScriptedAgentProps) {
  // One session per story render; remounting the story (changing args) starts over.
  const [session] = useState(() =>
    createScriptedSession({
      initial: scenarios[scenario],
      eventIntervalMs: 0,
      ...(afterConnect === undefined ? {} : { afterConnect }),
    }),
  );
  return <VoiceAgent {...props} realtimeSession={session} />;
}

const meta = {
  title: 'VoiceAgent',
  component: ScriptedAgent,
  args: { scenario: 'idle', instructions: 'You are a friendly voice assistant.' },
  argTypes: {
    scenario: { control: 'select', options: Object.keys(scenarios) },
  },
  render: (args) => <ScriptedAgent key={args.scenario} {...args} />,
} satisfies Meta<typeof ScriptedAgent>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Idle: Story = { args: { scenario: 'idle' } };
export const Connecting: Story = { args: { scenario: 'connecting' } };
export const Listening: Story = { args: { scenario: 'listening' } };
export const UserSpeaking: Story = { args: { scenario: 'userSpeaking' } };
export const Thinking: Story = { args: { scenario: 'thinking' } };
export const Speaking: Story = { args: { scenario: 'speaking' } };
export const Answered: Story = { args: { scenario: 'answered' } };
export const Muted: Story = { args: { scenario: 'muted' } };
export const MicDenied: Story = { args: { scenario: 'micDenied' } };
export const MicUnavailable: Story = { args: { scenario: 'micUnavailable' } };
export const KeyRequestFailed: Story = { args: { scenario: 'keyFailed' } };
export const SdpRejected: Story = { args: { scenario: 'sdpRejected' } };
export const ConnectTimeout: Story = { args: { scenario: 'connectTimeout' } };
export const ConnectionLost: Story = { args: { scenario: 'connectionLost' } };
export const ServerError: Story = { args: { scenario: 'serverError' } };
export const PlaybackBlocked: Story = { args: { scenario: 'playbackBlocked' } };
export const Ended: Story = { args: { scenario: 'ended' } };
export const LongTranscript: Story = { args: { scenario: 'longTranscript' } };
export const FunctionCallRunning: Story = { args: { scenario: 'functionCallRunning' } };

/** Press "Start conversation": a scripted turn plays with streaming text and moving levels. */
export const ScriptedConversation: Story = {
  args: { scenario: 'idle', afterConnect: demoConversation() },
};

export const Dark: Story = { args: { scenario: 'answered' }, globals: { theme: 'dark' } };

/** `layout="bar"`: one compact row of visualizer, status, talk and mute. */
export const Bar: Story = { args: { scenario: 'idle', layout: 'bar', afterConnect: demoConversation() } };

/** `layout="launcher"`: a floating button in the corner opens the card; the call goes on while it is closed. */
export const Launcher: Story = { args: { scenario: 'idle', layout: 'launcher', afterConnect: demoConversation() } };

export const LauncherOpen: Story = { args: { scenario: 'speaking', layout: 'launcher', defaultOpen: true } };

/** Timestamps under each turn, and the bars visualizer. */
export const TimestampsAndBars: Story = { args: { scenario: 'answered', timestamps: true, visualizer: 'bars' } };

export const RightToLeft: Story = { args: { scenario: 'answered' }, globals: { dir: 'rtl' } };

/** Every `--talkwire-*` variable can be set on any ancestor, here on the story's wrapper. */
export const CustomTheme: Story = {
  args: { scenario: 'answered' },
  render: (args) => (
    <div
      style={
        {
          '--talkwire-accent': '#0f766e',
          '--talkwire-visualizer-1': '#0f766e',
          '--talkwire-visualizer-2': '#84cc16',
          '--talkwire-radius': '8px',
        } as CSSProperties
      }
    >
      <ScriptedAgent {...args} />
    </div>
  ),
};

export const CustomLabels: Story = {
  args: {
    scenario: 'answered',
    showDeviceSelect: true,
    labels: {
      start: 'Gespräch starten',
      end: 'Auflegen',
      mute: 'Mikrofon stumm',
      interrupt: 'Unterbrechen',
      transcript: 'Gespräch',
      you: 'Sie',
      assistant: 'Assistent',
      agent: { listening: 'Hört zu', speaking: 'Spricht', thinking: 'Denkt nach', idle: 'Bereit' },
    },
  },
};
