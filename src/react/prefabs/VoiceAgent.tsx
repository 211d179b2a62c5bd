'use client';
import { useEffect, useRef, type ReactNode } from 'react';
import type {
  RealtimeCustomVoice,
  RealtimeInputTranscription,
  RealtimeSessionConfig,
  RealtimeVoice,
} from '../../core/protocol/session.js';
import type { RealtimeSession, RealtimeSessionOptions } from '../../session/types.js';
import { RealtimeSessionProvider } from '../RealtimeSessionProvider.js';
import { useRealtimeSession } from '../useRealtimeSession.js';
import { useMaybeRealtimeSession } from '../useRealtimeSessionContext.js';
import { warnDeprecated } from '../warnDeprecated.js';
import { VoiceAgentBody, type VoiceAgentViewProps } from './VoiceAgentBody.js';

export interface VoiceAgentProps extends Omit<RealtimeSessionOptions, 'session'>, VoiceAgentViewProps {
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
  /** A built-in voice (`'marin'`) or a custom one (`{ id: 'voice_…' }`). */
  voice?: RealtimeVoice | RealtimeCustomVoice;
  /**
   * Input transcription, so the user's turns appear in the transcript. Default
   * `{ model: 'gpt-4o-mini-transcribe' }` unless `session` sets `audio.input.transcription`; `null` turns it off.
   */
  transcription?: RealtimeInputTranscription | null;
}

/**
 * A complete voice UI: visualizer, agent status, transcript, talk, mute, interrupt, errors, as a card, a floating
 * launcher or a one-row bar. Built only from talkwire's public hooks and primitives; style it with
 * `talkwire/styles.css` and its CSS variables.
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
    warnDeprecated('voice-agent-session');
  }
  if (props.config !== undefined) warnDeprecated('voice-agent-config');
  const existing = props.realtimeSession ?? instance ?? (keyless ? fromProvider : null) ?? null;
  return existing !== null ? <VoiceAgentView {...props} realtimeSession={existing} /> : <OwnedVoiceAgent {...props} />;
}

function isSessionInstance(value: VoiceAgentProps['session']): value is RealtimeSession {
  return typeof (value as Partial<RealtimeSession> | undefined)?.connect === 'function';
}

function OwnedVoiceAgent(props: VoiceAgentProps): ReactNode {
  // View props (labels, layout, callbacks…) travel along in the options; the session reads only its own keys.
  const {
    realtimeSession: _ignored,
    session: sessionConfig,
    config: deprecatedConfig,
    instructions,
    voice,
    transcription,
    ...rest
  } = props;
  const config = (isSessionInstance(sessionConfig) ? undefined : sessionConfig) ?? deprecatedConfig;
  const sessionOptions: RealtimeSessionOptions = rest;
  sessionOptions.session = withTranscription(buildConfig(config, instructions, voice) ?? {}, transcription);
  const session = useRealtimeSession(sessionOptions);

  // Props read at creation; later instruction or voice changes are sent to a live session. The voice is compared
  // by value, so a custom voice written inline (`voice={{ id }}`) does not update the session on every render.
  const first = useRef(true);
  const voiceKey = JSON.stringify(voice);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (session.store.getState().status !== 'connected') return;
    const update = buildConfig(
      undefined,
      instructions,
      voiceKey === undefined ? undefined : (JSON.parse(voiceKey) as RealtimeVoice | RealtimeCustomVoice),
    );
    if (update !== undefined) session.updateSession(update);
  }, [session, instructions, voiceKey]);

  return <VoiceAgentView {...props} realtimeSession={session} />;
}

function buildConfig(
  config: Partial<RealtimeSessionConfig> | undefined,
  instructions: string | undefined,
  voice: RealtimeVoice | RealtimeCustomVoice | undefined,
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
    audio: {
      ...config.audio,
      input: { ...input, transcription: transcription === undefined ? DEFAULT_TRANSCRIPTION : transcription },
    },
  };
}

function VoiceAgentView(props: VoiceAgentProps & { realtimeSession: RealtimeSession }): ReactNode {
  return (
    <RealtimeSessionProvider realtimeSession={props.realtimeSession}>
      <VoiceAgentBody {...props} />
    </RealtimeSessionProvider>
  );
}
