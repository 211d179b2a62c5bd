import { copyState } from './copyState.js';
import type { AgentState, RealtimeState } from './types.js';

/**
 * `agentState` follows from the turn fields, in this order of precedence:
 * - `listening` while the user speaks (`speech_started` until `speech_stopped`/`committed`);
 * - `speaking` from `output_audio_buffer.started` until `stopped`/`cleared`;
 * - `thinking` from `input_audio_buffer.committed` or `response.created` until audio starts or the response ends
 *   (a commit counts only where something answers it: not in a transcription session, nor with `create_response: false`);
 * - otherwise `listening` when connected with the mic open, else `idle`.
 */
export function deriveAgentState(state: RealtimeState): AgentState {
  if (state.userSpeaking) return 'listening';
  if (state.speakingResponseId !== null) return 'speaking';
  if (state.activeResponseId !== null || state.awaitingResponse) return 'thinking';
  return state.status === 'connected' && !state.mic.muted ? 'listening' : 'idle';
}

/** Returns `state` with `agentState` brought up to date (the same object when it already was). */
export function withAgentState(state: RealtimeState): RealtimeState {
  const agentState = deriveAgentState(state);
  if (agentState === state.agentState) return state;
  const next = copyState(state);
  next.agentState = agentState;
  return next;
}
