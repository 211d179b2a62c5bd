import type { AgentState, ConnectionStatus } from '../core/state/types.js';

/** Every visible or announced string of the talkwire components. Pass a partial object to replace any. */
export interface VoiceAgentLabels {
  start: string;
  connecting: string;
  end: string;
  mute: string;
  interrupt: string;
  retry: string;
  resumeAudio: string;
  microphone: string;
  defaultMicrophone: string;
  transcript: string;
  you: string;
  assistant: string;
  system: string;
  tool: string;
  /** Shown in a user row while their speech is being transcribed. */
  transcribing: string;
  /** Shown in a user row whose speech has no transcript (transcription off or failed). */
  untranscribed: string;
  emptyTranscript: string;
  /** The button that appears when the reader scrolled up and new text arrived. */
  jumpToLatest: string;
  /** Name of the launcher's panel. */
  title: string;
  /** The launcher button (`layout="launcher"`); `onCall` is added to it while a call is up. */
  open: string;
  close: string;
  onCall: string;
  /** Announced after the heard part of a reply an interruption cut off (the unheard rest is not read out). */
  interrupted: string;
  /** Alt text of a transcript image sent without one. */
  image: string;
  /** The button that sends an image (`allowImages`); default "Attach an image", kept with the button's code. */
  attachImage?: string;
  /**
   * `<VoiceAgent/>` while the connection is poor. Default (kept with the hint's code, which loads on a call):
   * "Weak connection: the agent may sound choppy or answer late."
   */
  weakConnection?: string;
  status: Record<ConnectionStatus, string>;
  agent: Record<AgentState, string>;
  /** Friendly text per error code; unknown codes show the error's own message. */
  errors: Partial<Record<string, string>>;
}

export const defaultLabels: VoiceAgentLabels = {
  start: 'Start conversation',
  connecting: 'Connecting… (cancel)',
  end: 'End conversation',
  mute: 'Mute microphone',
  interrupt: 'Stop speaking',
  retry: 'Try again',
  resumeAudio: 'Turn on sound',
  microphone: 'Microphone',
  defaultMicrophone: 'Default microphone',
  transcript: 'Conversation',
  you: 'You',
  assistant: 'Assistant',
  system: 'System',
  tool: 'Tool',
  transcribing: '…',
  untranscribed: '(spoken)',
  emptyTranscript: 'Press start and say hello.',
  jumpToLatest: 'Jump to latest',
  title: 'Voice assistant',
  open: 'Open voice assistant',
  close: 'Close',
  onCall: 'On call',
  interrupted: '(interrupted)',
  image: 'Image',
  status: {
    idle: 'Not connected',
    connecting: 'Connecting…',
    connected: 'Connected',
    reconnecting: 'Reconnecting…',
    closed: 'Call ended',
    failed: 'Connection failed',
  },
  agent: {
    idle: 'Ready',
    listening: 'Listening',
    thinking: 'Thinking',
    speaking: 'Speaking',
  },
  errors: {
    mic_permission_denied: 'Microphone access is blocked. Allow it in your browser’s site settings, then try again.',
    mic_unavailable: 'No microphone found. Connect one, then try again.',
    client_secret_failed: 'Could not get a session key from the server. Try again in a moment.',
    sdp_rejected: 'The voice service refused the call. Try again in a moment.',
    connection_failed: 'The connection failed. Check your network, then try again.',
    connect_timeout: 'Connecting took too long. Check your network, then try again.',
    data_channel_closed: 'The connection was lost. Try again.',
    session_expired: 'The session expired. Start a new conversation.',
    audio_playback_blocked: 'The browser blocked sound. Press “Turn on sound”.',
  },
};

export type PartialLabels = Partial<Omit<VoiceAgentLabels, 'status' | 'agent' | 'errors'>> & {
  status?: Partial<VoiceAgentLabels['status']>;
  agent?: Partial<VoiceAgentLabels['agent']>;
  errors?: VoiceAgentLabels['errors'];
};

export function mergeLabels(labels: PartialLabels | undefined): VoiceAgentLabels {
  if (labels === undefined) return defaultLabels;
  return {
    ...defaultLabels,
    ...(labels as Partial<VoiceAgentLabels>),
    status: { ...defaultLabels.status, ...labels.status },
    agent: { ...defaultLabels.agent, ...labels.agent },
    errors: { ...defaultLabels.errors, ...labels.errors },
  };
}
