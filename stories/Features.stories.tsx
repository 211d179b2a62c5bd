import type { Meta, StoryObj } from '@storybook/react-vite';
import { useEffect, useState } from 'react';
import {
  AgentStatus,
  InterruptButton,
  McpApprovalPrompt,
  PushToTalkButton,
  RealtimeSessionProvider,
  TextInput,
  ToolCallList,
  Transcript,
  useUsage,
  type FunctionTool,
} from '../src/entries/index.js';
import { createScriptedSession, type ScriptedSession, type ScriptStep } from './support/createScriptedSession.js';
import { featureScenarios, toolCall } from './support/featureScenarios.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const weatherTools: FunctionTool[] = [
  {
    name: 'get_weather',
    description: 'Current weather for a city.',
    handler: async ({ city }: { city: string }) => {
      await sleep(1500);
      return { city, sky: 'sunny', celsius: 22 };
    },
  },
  { name: 'send_payment', needsApproval: true, handler: () => ({ sent: true }) },
  {
    name: 'flaky_lookup',
    handler: () => {
      throw new Error('the lookup service is down');
    },
  },
];

function Frame({ session, children }: { session: ScriptedSession; children: React.ReactNode }) {
  return (
    <RealtimeSessionProvider realtimeSession={session}>
      <div className="talkwire" style={{ maxWidth: '40rem', display: 'grid', gap: '0.75rem' }}>
        {children}
      </div>
    </RealtimeSessionProvider>
  );
}

function useScripted(initial: readonly ScriptStep[], extra: Parameters<typeof createScriptedSession>[0] = {}) {
  const [session] = useState(() =>
    createScriptedSession({ initial, animateLevels: false, eventIntervalMs: 60, ...extra }),
  );
  return session;
}

/** Function tools run by the real tool runner: one runs, one waits for approval, one throws (the model is told). */
function ToolCallsDemo() {
  const session = useScripted(featureScenarios.connected, { tools: weatherTools });
  useEffect(() => {
    void session.play([
      ...toolCall('get_weather', '{"city":"Paris"}'),
      { step: 'wait', ms: 300 },
      ...toolCall('send_payment', '{"to":"Ana","amount":20}'),
      { step: 'wait', ms: 300 },
      ...toolCall('flaky_lookup', '{}'),
      { step: 'wait', ms: 300 },
      ...toolCall('book', '{"people": 2,'),
    ]);
  }, [session]);
  return (
    <Frame session={session}>
      <Transcript style={{ maxHeight: '10rem' }} />
      <ToolCallList />
    </Frame>
  );
}

function McpApprovalDemo({ steps }: { steps: readonly ScriptStep[] }) {
  const session = useScripted(steps);
  return (
    <Frame session={session}>
      <Transcript style={{ maxHeight: '12rem' }} />
      <McpApprovalPrompt />
    </Frame>
  );
}

/** Hold the button, or Space anywhere on the page, to talk. */
function PushToTalkDemo({ mode }: { mode: 'hold' | 'toggle' }) {
  const session = useScripted(featureScenarios.connected);
  return (
    <Frame session={session}>
      <AgentStatus />
      <PushToTalkButton mode={mode} />
      <p>
        {mode === 'hold'
          ? 'Hold the button, or Space anywhere on the page, to talk.'
          : 'Press once to talk, again to send.'}{' '}
        The first press turns server VAD off; each release commits the turn and asks for an answer.
      </p>
    </Frame>
  );
}

function TextInputDemo() {
  const session = useScripted(featureScenarios.textOnly);
  return (
    <Frame session={session}>
      <Transcript style={{ maxHeight: '12rem' }} />
      <TextInput />
    </Frame>
  );
}

function UsageLine() {
  const usage = useUsage();
  return (
    <dl data-talkwire="usage" style={{ display: 'grid', gridTemplateColumns: 'auto auto', gap: '0.25rem 1rem' }}>
      <dt>Responses</dt>
      <dd>{usage.responses}</dd>
      <dt>Total tokens</dt>
      <dd>{usage.totalTokens}</dd>
      <dt>Input (text / audio / cached)</dt>
      <dd>
        {usage.inputTextTokens} / {usage.inputAudioTokens} / {usage.cachedTokens}
      </dd>
      <dt>Output (text / audio)</dt>
      <dd>
        {usage.outputTextTokens} / {usage.outputAudioTokens}
      </dd>
    </dl>
  );
}

function UsageDemo() {
  const session = useScripted(featureScenarios.textOnly);
  return (
    <Frame session={session}>
      <UsageLine />
    </Frame>
  );
}

function InterruptedDemo() {
  const session = useScripted(featureScenarios.interrupted);
  return (
    <Frame session={session}>
      <AgentStatus />
      <Transcript style={{ maxHeight: '12rem' }} />
      <InterruptButton />
    </Frame>
  );
}

const meta = {
  title: 'Features',
  parameters: { layout: 'padded' },
} satisfies Meta;
export default meta;
type Story = StoryObj<typeof meta>;

export const ToolCalls: Story = { render: () => <ToolCallsDemo /> };
export const McpApprovalPending: Story = { render: () => <McpApprovalDemo steps={featureScenarios.mcpApproval} /> };
export const McpCallRunning: Story = { render: () => <McpApprovalDemo steps={featureScenarios.mcpRunning} /> };
export const McpCallDone: Story = { render: () => <McpApprovalDemo steps={featureScenarios.mcpDone} /> };
export const PushToTalkHold: Story = { render: () => <PushToTalkDemo mode="hold" /> };
export const PushToTalkToggle: Story = { render: () => <PushToTalkDemo mode="toggle" /> };
export const TextOnlyWithInput: Story = { render: () => <TextInputDemo /> };
export const Usage: Story = { render: () => <UsageDemo /> };
export const Interrupted: Story = { render: () => <InterruptedDemo /> };
