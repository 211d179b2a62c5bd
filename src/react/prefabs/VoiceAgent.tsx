'use client';
import { useEffect, useMemo, useRef, type CSSProperties, type ReactNode } from 'react';
import type { RealtimeError } from '../../core/errors.js';
import type { ServerEvent } from '../../core/protocol/events.js';
import type { RealtimeInputTranscription, RealtimeSessionConfig, RealtimeVoice } from '../../core/protocol/session.js';
import type { RealtimeSession, RealtimeSessionOptions } from '../../session/types.js';
import { composeRefs } from '../composeRefs.js';
import { mergeLabels, type PartialLabels } from '../labels.js';
import { AgentStatus } from '../primitives/AgentStatus.js';
import { DeviceSelect } from '../primitives/DeviceSelect.js';
import { ErrorBanner } from '../primitives/ErrorBanner.js';
import { InterruptButton } from '../primitives/InterruptButton.js';
import { LevelMeter } from '../primitives/LevelMeter.js';
import { McpApprovalPrompt } from '../primitives/McpApprovalPrompt.js';
import { TextInput } from '../primitives/TextInput.js';
import { ToolCallList } from '../primitives/ToolCallList.js';
import { MuteButton } from '../primitives/MuteButton.js';
import { ResumeAudioButton } from '../primitives/ResumeAudioButton.js';
import { RetryButton } from '../primitives/RetryButton.js';
import { TalkButton } from '../primitives/TalkButton.js';
import { Transcript } from '../primitives/Transcript.js';
import { RealtimeSessionProvider } from '../RealtimeSessionProvider.js';
import { useAgentState } from '../useAgentState.js';
import { useAudioLevel } from '../useAudioLevel.js';
import { useConnectionStatus } from '../useConnectionStatus.js';
import { useMicrophone } from '../useMicrophone.js';
import { useRealtimeEvent } from '../useRealtimeEvent.js';
import { useRealtimeSession } from '../useRealtimeSession.js';
import { useMaybeRealtimeSession } from '../useRealtimeSessionContext.js';
import { warnDeprecated } from '../warnDeprecated.js';

export interface VoiceAgentProps extends Omit<RealtimeSessionOptions, 'session'> {
  /** Use this session instead of creating one (the key-source and audio props are then ignored). */
  realtimeSession?: RealtimeSession;
  /**
   * GA session configuration sent on connect, as in `createRealtimeSession({ session })` (`instructions` and
   * `voice` below take precedence). Deprecated until 0.3: a session instance here is used as `realtimeSession`.
   */
  session?: Partial<RealtimeSessionConfig> | RealtimeSession;
  /** @deprecated Use `session` (the same GA config). Removed in 0.3. */
  config?: Partial<RealtimeSessionConfig>;
  instructions?: string;
  voice?: RealtimeVoice;
  /**
   * Input transcription, so the user's turns appear in the transcript. Default
   * `{ model: 'gpt-4o-mini-transcribe' }` unless `session` sets `audio.input.transcription`; `null` turns it off.
   */
  transcription?: RealtimeInputTranscription | null;
  /** Replace any visible or announced string. */
  labels?: PartialLabels;
  /** Show a microphone picker. */
  showDeviceSelect?: boolean;
  /** Show a text field that sends typed messages (Enter). */
  textInput?: boolean;
  onError?: (error: RealtimeError) => void;
  /** Every server event, after it reached the store. */
  onEvent?: (event: ServerEvent) => void;
  className?: string;
  style?: CSSProperties;
}

/**
 * A complete voice UI: talk button, agent status, levels, transcript, mute, interrupt, errors. Built only from
 * talkwire's public hooks and primitives; style it with `talkwire/styles.css` and its CSS variables.
 *
 * DOM contract: root `data-talkwire="voice-agent"` with `data-status`, `data-agent-state` and the CSS variables
 * `--talkwire-input-level` / `--talkwire-output-level` (0..1, per animation frame); the button
 * `data-talkwire="talk-button"`; the transcript `role="log"` with `data-role="user|assistant"` entries.
 */
export function VoiceAgent(props: VoiceAgentProps): ReactNode {
  const fromProvider = useMaybeRealtimeSession();
  const keyless = props.clientSecretUrl === undefined && props.getClientSecret === undefined;
  const instance = isSessionInstance(props.session) ? props.session : undefined;
  if (instance !== undefined) {
    warnDeprecated('voice-agent-session', '<VoiceAgent session={instance}> is deprecated: pass the instance as realtimeSession={...}; session is the GA config.');
  }
  if (props.config !== undefined) warnDeprecated('voice-agent-config', '<VoiceAgent config={...}> is deprecated: pass the GA config as session={...}.');
  const existing = props.realtimeSession ?? instance ?? (keyless ? fromProvider : null) ?? null;
  return existing !== null ? (
    <VoiceAgentView {...props} realtimeSession={existing} />
  ) : (
    <OwnedVoiceAgent {...props} />
  );
}

function isSessionInstance(value: VoiceAgentProps['session']): value is RealtimeSession {
  return typeof (value as Partial<RealtimeSession> | undefined)?.connect === 'function';
}

function OwnedVoiceAgent(props: VoiceAgentProps): ReactNode {
  const {
    realtimeSession: _ignored,
    session: sessionConfig,
    config: deprecatedConfig,
    instructions,
    voice,
    transcription,
    labels: _labels,
    showDeviceSelect: _show,
    textInput: _textInput,
    onError: _onError,
    onEvent: _onEvent,
    className: _className,
    style: _style,
    ...options
  } = props;
  const config = (isSessionInstance(sessionConfig) ? undefined : sessionConfig) ?? deprecatedConfig;
  const sessionOptions: RealtimeSessionOptions = { ...options };
  sessionOptions.session = withTranscription(buildConfig(config, instructions, voice) ?? {}, transcription);
  const session = useRealtimeSession(sessionOptions);

  // Props read at creation; later instruction or voice changes are sent to a live session.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (session.store.getState().status !== 'connected') return;
    const update = buildConfig(undefined, instructions, voice);
    if (update !== undefined) session.updateSession(update);
  }, [session, instructions, voice]);

  return <VoiceAgentView {...props} realtimeSession={session} />;
}

function buildConfig(
  config: Partial<RealtimeSessionConfig> | undefined,
  instructions: string | undefined,
  voice: RealtimeVoice | undefined,
): Partial<RealtimeSessionConfig> | undefined {
  if (config === undefined && instructions === undefined && voice === undefined) return undefined;
  const merged: Partial<RealtimeSessionConfig> = { ...config };
  if (instructions !== undefined) merged.instructions = instructions;
  if (voice !== undefined) {
    merged.audio = { ...merged.audio, output: { ...merged.audio?.output, voice } };
  }
  return merged;
}

const DEFAULT_TRANSCRIPTION: RealtimeInputTranscription = { model: 'gpt-4o-mini-transcribe' };

function withTranscription(
  config: Partial<RealtimeSessionConfig>,
  transcription: RealtimeInputTranscription | null | undefined,
): Partial<RealtimeSessionConfig> {
  const input = config.audio?.input;
  if (transcription === undefined && input !== undefined && 'transcription' in input) return config;
  return {
    ...config,
    audio: { ...config.audio, input: { ...input, transcription: transcription === undefined ? DEFAULT_TRANSCRIPTION : transcription } },
  };
}

function VoiceAgentView(props: VoiceAgentProps & { realtimeSession: RealtimeSession }): ReactNode {
  return (
    <RealtimeSessionProvider realtimeSession={props.realtimeSession}>
      <VoiceAgentBody {...props} />
    </RealtimeSessionProvider>
  );
}

function VoiceAgentBody({ labels: labelsProp, showDeviceSelect, textInput, onError, onEvent, className, style }: VoiceAgentProps) {
  const labels = useMemo(() => mergeLabels(labelsProp), [labelsProp]);
  const transcriptLabels = useMemo(
    () => ({
      transcript: labels.transcript,
      you: labels.you,
      assistant: labels.assistant,
      system: labels.system,
      tool: labels.tool,
      transcribing: labels.transcribing,
      untranscribed: labels.untranscribed,
      emptyTranscript: labels.emptyTranscript,
    }),
    [labels],
  );
  const statusLabels = useMemo(() => ({ status: labels.status, agent: labels.agent }), [labels]);
  const talkLabels = useMemo(
    () => ({ start: labels.start, connecting: labels.connecting, end: labels.end }),
    [labels],
  );

  const status = useConnectionStatus();
  const agentState = useAgentState();
  const { muted, permission } = useMicrophone();
  const input = useAudioLevel('input', { variable: '--talkwire-input-level' });
  const output = useAudioLevel('output', { variable: '--talkwire-output-level' });
  const rootRef = useMemo(() => composeRefs(input.ref, output.ref), [input.ref, output.ref]);

  useRealtimeEvent('error', (error) => onError?.(error));
  useRealtimeEvent('server_event', (event) => onEvent?.(event));

  return (
    <div
      ref={rootRef}
      data-talkwire="voice-agent"
      data-status={status}
      data-agent-state={agentState}
      data-muted={muted ? 'true' : 'false'}
      data-mic-permission={permission}
      className={className === undefined ? 'talkwire' : `talkwire ${className}`}
      style={style}
    >
      <div data-talkwire="voice-agent-header">
        <LevelMeter kind="output" data-talkwire-part="orb" />
        <AgentStatus labels={statusLabels} />
      </div>
      <Transcript labels={transcriptLabels} />
      <ToolCallList />
      <McpApprovalPrompt />
      {textInput === true ? <TextInput /> : null}
      <ErrorBanner messages={labels.errors} />
      <div data-talkwire="voice-agent-controls">
        <TalkButton labels={talkLabels} />
        <MuteButton label={labels.mute} />
        <InterruptButton label={labels.interrupt} />
        <RetryButton label={labels.retry} />
        <ResumeAudioButton label={labels.resumeAudio} />
        <LevelMeter kind="input" />
        {showDeviceSelect === true ? (
          <DeviceSelect label={labels.microphone} defaultLabel={labels.defaultMicrophone} />
        ) : null}
      </div>
    </div>
  );
}
