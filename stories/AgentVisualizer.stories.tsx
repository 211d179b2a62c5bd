import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { AgentVisualizer, type AgentVisualizerProps } from '../src/entries/index.js';
import { createScriptedSession } from './support/createScriptedSession.js';
import { demoConversation, scenarios } from './support/scenarios.js';

/**
 * `<AgentVisualizer/>` on a scripted session: press nothing, it plays a conversation so the visualizer listens,
 * thinks and speaks with synthetic levels. Sized by its container.
 */
function Scripted(props: Omit<AgentVisualizerProps, 'session'> & { size: number }) {
  const { size, ...rest } = props;
  const [session] = useState(() =>
    createScriptedSession({ initial: scenarios.listening, afterConnect: demoConversation() }),
  );
  useEffect(() => {
    // Loop the demo: hang up and call again when it ends.
    const timer = setInterval(() => {
      void session.disconnect().then(() => session.connect());
    }, 9000);
    void session.disconnect().then(() => session.connect());
    return () => clearInterval(timer);
  }, [session]);
  const wide = rest.variant !== undefined && rest.variant !== 'orb';
  return (
    <div style={{ width: wide ? size * 2 : size, height: wide ? size / 2 : size }}>
      <AgentVisualizer session={session} {...rest} style={{ width: '100%', height: '100%' }} />
    </div>
  );
}

const meta = {
  title: 'Primitives/AgentVisualizer',
  component: Scripted,
  args: { variant: 'orb', size: 160 },
  argTypes: {
    variant: { control: 'inline-radio', options: ['orb', 'bars', 'wave'] },
    state: {
      control: 'select',
      options: [undefined, 'idle', 'connecting', 'listening', 'thinking', 'speaking', 'muted'],
    },
  },
} satisfies Meta<typeof Scripted>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Orb: Story = {};
export const Bars: Story = { args: { variant: 'bars' } };
export const Wave: Story = { args: { variant: 'wave' } };
export const Thinking: Story = { args: { state: 'thinking' } };
