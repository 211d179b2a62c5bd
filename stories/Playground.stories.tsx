import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import { CallStats, VoiceAgent, useRealtimeSession } from '../src/entries/index.js';
import { EventLogPanel } from './support/EventLogPanel.js';
import { PLAYGROUND_CLIENT_SECRET_URL, PLAYGROUND_CONFIG_URL } from './support/playgroundEndpoints.js';

/**
 * A live session over real WebRTC. The Storybook dev server mounts the key endpoint and the local Realtime
 * emulator (or uses OpenAI when OPENAI_API_KEY is set there), so this works offline with no key.
 */
function Playground({ instructions, voice }: { instructions: string; voice: string }) {
  const [config, setConfig] = useState<{ apiBaseUrl?: string } | { error: string } | null>(null);
  useEffect(() => {
    let current = true;
    fetch(PLAYGROUND_CONFIG_URL)
      .then(async (response) => {
        if (!response.ok) throw new Error(`${PLAYGROUND_CONFIG_URL} answered ${response.status}`);
        return (await response.json()) as { apiBaseUrl?: string };
      })
      .then(
        (value) => current && setConfig(value),
        (error: unknown) =>
          current &&
          setConfig({
            error: `${(error as Error).message}. Start Storybook with the talkwire playground plugin (npm start).`,
          }),
      );
    return () => {
      current = false;
    };
  }, []);
  if (config === null) return <p>Loading playground configuration…</p>;
  if ('error' in config) return <p role="alert">{config.error}</p>;
  return <LiveSession apiBaseUrl={config.apiBaseUrl} instructions={instructions} voice={voice} />;
}

function LiveSession({
  apiBaseUrl,
  instructions,
  voice,
}: {
  apiBaseUrl: string | undefined;
  instructions: string;
  voice: string;
}) {
  const session = useRealtimeSession({
    clientSecretUrl: PLAYGROUND_CLIENT_SECRET_URL,
    ...(apiBaseUrl === undefined ? {} : { apiBaseUrl }),
    session: {
      instructions,
      audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } }, output: { voice } },
    },
  });
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: 'minmax(20rem, 32rem) minmax(20rem, 1fr)',
        gap: 16,
        alignItems: 'start',
      }}
    >
      <VoiceAgent realtimeSession={session} showDeviceSelect />
      <EventLogPanel session={session} />
      <CallStats session={session} defaultOpen />
    </div>
  );
}

const meta = {
  title: 'Playground',
  component: Playground,
  args: { instructions: 'You are a friendly voice assistant. Keep answers short.', voice: 'marin' },
  parameters: { layout: 'fullscreen' },
  render: (args) => (
    <div style={{ padding: 16 }}>
      <Playground {...args} />
    </div>
  ),
} satisfies Meta<typeof Playground>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Live: Story = {};
