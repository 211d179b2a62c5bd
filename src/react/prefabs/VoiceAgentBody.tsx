'use client';
import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { composeRefs } from '../composeRefs.js';
import { mergeLabels, type PartialLabels } from '../labels.js';
import { AgentStatus } from '../primitives/AgentStatus.js';
import { AgentVisualizer, type AgentVisualizerProps } from '../primitives/AgentVisualizer.js';
import { DeviceSelect } from '../primitives/DeviceSelect.js';
import { ErrorBanner } from '../primitives/ErrorBanner.js';
import { InterruptButton } from '../primitives/InterruptButton.js';
import { McpApprovalPrompt } from '../primitives/McpApprovalPrompt.js';
import { MuteButton } from '../primitives/MuteButton.js';
import { ResumeAudioButton } from '../primitives/ResumeAudioButton.js';
import { RetryButton } from '../primitives/RetryButton.js';
import { TalkButton, talkButtonConnects } from '../primitives/TalkButton.js';
import { TextInput } from '../primitives/TextInput.js';
import { ToolCallList } from '../primitives/ToolCallList.js';
import { Transcript, type TranscriptProps } from '../primitives/Transcript.js';
import type { AgentVisualizerVariant } from '../primitives/visualizer/types.js';
import { useAgentState } from '../useAgentState.js';
import { useAudioLevel } from '../useAudioLevel.js';
import { useConnectionStatus } from '../useConnectionStatus.js';
import { useMicrophone } from '../useMicrophone.js';
import { Hidden, Icon } from './icons.js';
import { useVoiceAgentCallbacks, type VoiceAgentCallbacks } from './useVoiceAgentCallbacks.js';

export type VoiceAgentLayout = 'card' | 'launcher' | 'bar';
export type VoiceAgentCorner = 'bottom-end' | 'bottom-start' | 'top-end' | 'top-start';

/** How `<VoiceAgent/>` looks and what it reports; everything else configures its session. */
export interface VoiceAgentViewProps extends VoiceAgentCallbacks {
  /** Replace any visible or announced string. */
  labels?: PartialLabels;
  /** Show a microphone picker. */
  showDeviceSelect?: boolean;
  /** Show a text field that sends typed messages (Enter). */
  textInput?: boolean;
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
  const { labels: labelsProp, showDeviceSelect, textInput, layout = 'card', corner, visualizer, timestamps } = props;
  useVoiceAgentCallbacks(props);
  const labels = useMemo(() => mergeLabels(labelsProp), [labelsProp]);
  const statusLabels = useMemo(() => ({ status: labels.status, agent: labels.agent }), [labels]);

  const status = useConnectionStatus();
  const agentState = useAgentState();
  const { muted, permission } = useMicrophone();
  const input = useAudioLevel('input', { variable: '--talkwire-input-level' });
  const output = useAudioLevel('output', { variable: '--talkwire-output-level' });
  const rootRef = useMemo(() => composeRefs(input.ref, output.ref), [input.ref, output.ref]);
  const launcher = useLauncher(layout === 'launcher', props.defaultOpen === true);
  const panelId = useId();

  const connects = talkButtonConnects(status);
  const talkLabel = connects ? labels.start : status === 'connecting' ? labels.connecting : labels.end;
  const bar = layout === 'bar';
  const onCall = status === 'connected' || status === 'connecting' || status === 'reconnecting';
  const notices = (
    <>
      <RetryButton label={labels.retry} />
      <ResumeAudioButton label={labels.resumeAudio} />
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
      onKeyDown={launcher.onKeyDown}
    >
      <div
        id={panelId}
        ref={launcher.panel}
        data-talkwire="voice-agent-panel"
        role={launcher.enabled ? 'dialog' : undefined}
        aria-label={launcher.enabled ? labels.title : undefined}
        hidden={launcher.enabled && !launcher.open}
      >
        {launcher.enabled ? (
          <div data-talkwire="voice-agent-top">
            <p data-talkwire="voice-agent-title">{labels.title}</p>
            <button type="button" data-talkwire="close-button" onClick={() => launcher.setOpen(false)}>
              <Icon name="close" />
              <Hidden>{labels.close}</Hidden>
            </button>
          </div>
        ) : null}
        <div data-talkwire="voice-agent-header">
          <AgentVisualizer {...(typeof visualizer === 'string' ? { variant: visualizer } : visualizer)} />
          <AgentStatus labels={statusLabels} />
        </div>
        {bar ? null : (
          <>
            <Transcript labels={labels} timestamps={timestamps} />
            <ToolCallList />
            <McpApprovalPrompt />
            {textInput === true ? <TextInput /> : null}
          </>
        )}
        <ErrorBanner messages={labels.errors} />
        {bar ? null : <div data-talkwire="voice-agent-notice">{notices}</div>}
        <div data-talkwire="voice-agent-controls">
          <TalkButton>
            <Icon name="phone" turn={!connects} />
            {talkLabel}
          </TalkButton>
          <MuteButton>
            <Icon name={muted ? 'micOff' : 'mic'} />
            <Hidden>{labels.mute}</Hidden>
          </MuteButton>
          {bar ? notices : (
            <InterruptButton>
              <Icon name="stop" />
              <Hidden>{labels.interrupt}</Hidden>
            </InterruptButton>
          )}
          {showDeviceSelect === true ? <DeviceSelect label={labels.microphone} defaultLabel={labels.defaultMicrophone} /> : null}
        </div>
      </div>
      {launcher.enabled ? (
        <button
          type="button"
          ref={launcher.button}
          data-talkwire="launcher-button"
          data-state={onCall ? 'on-call' : 'idle'}
          aria-expanded={launcher.open}
          aria-controls={panelId}
          onClick={() => launcher.setOpen(!launcher.open)}
        >
          <Icon name="mic" />
          <Hidden>{labels.open}</Hidden>
          {onCall ? <span data-talkwire="launcher-badge">{labels.onCall}</span> : null}
        </button>
      ) : null}
    </div>
  );
}

/** Open state of the launcher: focus moves into the panel on open and back to the button on close; Escape closes. */
function useLauncher(enabled: boolean, defaultOpen: boolean) {
  const [open, setOpenState] = useState(defaultOpen);
  const panel = useRef<HTMLDivElement | null>(null);
  const button = useRef<HTMLButtonElement | null>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    if (open) panel.current?.querySelector<HTMLElement>('[data-talkwire="talk-button"]')?.focus();
    else button.current?.focus();
  }, [open]);
  const setOpen = (next: boolean) => {
    moveFocus.current = true;
    setOpenState(next);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (!enabled || !open || event.key !== 'Escape') return;
    event.stopPropagation();
    setOpen(false);
  };
  return { enabled, open, setOpen, panel, button, onKeyDown };
}
