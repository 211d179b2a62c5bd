'use client';
import { lazy, Suspense, useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { selectItem, selectOrder } from '../../core/state/selectors.js';
import { composeRefs } from '../composeRefs.js';
import { mergeLabels, type PartialLabels } from '../labels.js';
import { selectMuted, selectPermission } from '../micState.js';
import { AgentStatus } from '../primitives/AgentStatus.js';
import { AgentVisualizer, type AgentVisualizerProps } from '../primitives/AgentVisualizer.js';
import { ErrorBanner } from '../primitives/ErrorBanner.js';
import { InterruptButton } from '../primitives/InterruptButton.js';
import { MuteButton } from '../primitives/MuteButton.js';
import { ResumeAudioButton } from '../primitives/ResumeAudioButton.js';
import { RetryButton } from '../primitives/RetryButton.js';
import { TalkButton } from '../primitives/TalkButton.js';
import { Transcript, type TranscriptProps } from '../primitives/Transcript.js';
import type { AgentVisualizerVariant } from '../primitives/visualizer/types.js';
import { useAgentState } from '../useAgentState.js';
import { useAudioLevel } from '../useAudioLevel.js';
import { useConnectionStatus } from '../useConnectionStatus.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';
import { useSessionState } from '../useSessionState.js';
import { Hidden, Icon } from './icons.js';
import { useVoiceAgentCallbacks, type VoiceAgentViewCallbacks } from './useVoiceAgentCallbacks.js';

const ConversationExtras = lazy(() => import('./VoiceAgentExtras.js').then((m) => ({ default: m.ConversationExtras })));
const VoiceAgentLauncher = lazy(() =>
  import('./VoiceAgentLauncher.js').then((m) => ({ default: m.VoiceAgentLauncher })),
);
const isTool = (kind: string | undefined) => kind === 'function_call' || kind === 'mcp_approval_request';

export type VoiceAgentLayout = 'card' | 'launcher' | 'bar';
export type VoiceAgentCorner = 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start';

/** How `<VoiceAgent/>` looks and what it reports; everything else configures its session. */
export interface VoiceAgentViewProps extends VoiceAgentViewCallbacks {
  /** Replace any visible or announced string. */
  labels?: PartialLabels;
  /** Show a microphone picker. */
  showDeviceSelect?: boolean;
  /** Show a text field that sends typed messages (Enter). */
  textInput?: boolean;
  /** Show a button that sends an image file (`session.sendMessage`); its thumbnail joins the transcript. */
  allowImages?: boolean;
  /**
   * Show the `<CallStats/>` overlay (latency per turn, the connection's figures), loaded on demand. Without it a
   * poor connection still shows a one-line hint during a call.
   */
  showStats?: boolean;
  /** `card` (default), `launcher` (a floating button that opens the card) or `bar` (one compact row). */
  layout?: VoiceAgentLayout;
  /** Where the launcher floats; logical, so `end` is the right in left-to-right pages. Default `bottom-end`. */
  corner?: VoiceAgentCorner;
  /** The launcher starts open. */
  defaultOpen?: boolean;
  /** Visualizer variant, or props for `<AgentVisualizer/>`. Default `orb`. */
  visualizer?: AgentVisualizerVariant | Omit<AgentVisualizerProps, 'session'>;
  /** Show when each transcript entry appeared. */
  timestamps?: TranscriptProps['timestamps'];
  className?: string;
  style?: CSSProperties;
}

export function VoiceAgentBody(props: VoiceAgentViewProps): ReactNode {
  const { labels: labelsProp, layout = 'card', corner, visualizer, timestamps } = props;
  useVoiceAgentCallbacks(props);
  const labels = useMemo(() => mergeLabels(labelsProp), [labelsProp]);
  const statusLabels = useMemo(() => ({ status: labels.status, agent: labels.agent }), [labels]);

  const status = useConnectionStatus();
  const agentState = useAgentState();
  const muted = useSessionState(selectMuted);
  const permission = useSessionState(selectPermission);
  const input = useAudioLevel('input', { variable: '--talkwire-input-level' });
  const output = useAudioLevel('output', { variable: '--talkwire-output-level' });
  const rootRef = useMemo(() => composeRefs(input.ref, output.ref), [input.ref, output.ref]);
  const session = useEnsureRealtimeSession();
  // Tool rows are fetched with the first tool call; watching events keeps a streaming delta O(1) here.
  const [tools, setTools] = useState(() => {
    const state = session.store.getState();
    return selectOrder(state).some((id) => isTool(selectItem(state, id)?.kind));
  });
  useEffect(
    () =>
      tools
        ? undefined
        : session.on('server_event', (event) => {
            if (isTool((event as { item?: { type?: string } }).item?.type)) setTools(true);
          }),
    [session, tools],
  );

  const bar = layout === 'bar';
  const onCall = status === 'connected' || status === 'connecting' || status === 'reconnecting';
  const notices = (
    <>
      <RetryButton label={labels.retry} />
      <ResumeAudioButton label={labels.resumeAudio} />
    </>
  );

  const content = (
    <>
      <div data-talkwire="voice-agent-header">
        <AgentVisualizer {...(typeof visualizer === 'string' ? { variant: visualizer } : visualizer)} />
        <AgentStatus labels={statusLabels} />
      </div>
      {bar ? null : (
        <>
          <Transcript labels={labels} timestamps={timestamps} />
          {onCall || tools || props.textInput || props.showDeviceSelect || props.showStats || props.allowImages ? (
            <Suspense fallback={null}>
              <ConversationExtras labels={labels} tools={tools} view={props} onCall={onCall} />
            </Suspense>
          ) : null}
        </>
      )}
      <ErrorBanner messages={labels.errors} />
      {bar ? null : <div data-talkwire="voice-agent-notice">{notices}</div>}
      <div data-talkwire="voice-agent-controls">
        <TalkButton labels={labels} />
        <MuteButton>
          <Icon name={muted ? 'micOff' : 'mic'} />
          <Hidden>{labels.mute}</Hidden>
        </MuteButton>
        {bar ? (
          notices
        ) : (
          <InterruptButton>
            <Icon name="stop" />
            <Hidden>{labels.interrupt}</Hidden>
          </InterruptButton>
        )}
      </div>
    </>
  );

  return (
    <div
      ref={rootRef}
      data-talkwire="voice-agent"
      data-status={status}
      data-agent-state={agentState}
      data-muted={muted ? 'true' : 'false'}
      data-mic-permission={permission}
      data-layout={layout}
      data-corner={layout === 'launcher' ? (corner ?? 'bottom-end') : undefined}
      className={props.className === undefined ? 'talkwire' : `talkwire ${props.className}`}
      style={props.style}
    >
      {layout === 'launcher' ? (
        <Suspense fallback={null}>
          <VoiceAgentLauncher labels={labels} defaultOpen={props.defaultOpen === true} onCall={onCall}>
            {content}
          </VoiceAgentLauncher>
        </Suspense>
      ) : (
        <div data-talkwire="voice-agent-panel">{content}</div>
      )}
    </div>
  );
}
