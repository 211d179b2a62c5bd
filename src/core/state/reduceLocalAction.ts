import { isObject } from '../protocol/guards.js';
import { patchState } from './copyState.js';
import { createInitialState } from './createInitialState.js';
import { withAgentState } from './deriveAgentState.js';
import { patchItem } from './copyItem.js';
import { put } from './itemEvents.js';
import { tableGet } from './KeyedTable.js';
import type {
  AudioOutputState,
  ConnectionStatus,
  ErrorInfo,
  ItemImage,
  MicState,
  RealtimeState,
  ToolCallState,
  TransportState,
} from './types.js';

/** Client-side changes to the state (connection, mic, playback, errors). */
export type LocalAction =
  | { type: 'status'; status: ConnectionStatus }
  | { type: 'error'; error: ErrorInfo }
  | { type: 'clear_error' }
  | { type: 'mic'; patch: Partial<MicState> }
  | { type: 'output'; patch: Partial<AudioOutputState> }
  | { type: 'call'; callId: string | null }
  /** What carries the call: set at each connect, and again when `'auto'` falls back to WebSocket. */
  | { type: 'transport'; transport: TransportState }
  /** The function calls' current states, as the session's tool runner publishes them. */
  | { type: 'tool_calls'; calls: readonly ToolCallState[] }
  /** Sets the images (thumbnails, alt text) of a user message the server has (`sendMessage`). */
  | { type: 'item_images'; itemId: string; images: readonly ItemImage[] }
  /** A fresh conversation; keeps nothing. */
  | { type: 'reset' };

const STATUSES: ReadonlySet<string> = new Set(['idle', 'connecting', 'connected', 'reconnecting', 'closed', 'failed']);
const PERMISSIONS: ReadonlySet<string> = new Set(['prompt', 'granted', 'denied', 'unavailable']);

/** Pure: the state after a local action. Invalid actions return `state` unchanged. */
export function reduceLocalAction(state: RealtimeState, action: LocalAction): RealtimeState {
  if (!isObject(action)) return state;
  switch (action.type) {
    case 'status': {
      if (!STATUSES.has(action.status) || action.status === state.status) return state;
      if (action.status === 'connected' || action.status === 'connecting') {
        return withAgentState(patchState(state, { status: action.status }));
      }
      // Without a connection nothing is said or played any more.
      return withAgentState(
        patchState(state, {
          status: action.status,
          activeResponseId: null,
          speakingResponseId: null,
          userSpeaking: false,
          awaitingResponse: false,
        }),
      );
    }
    case 'error':
      return isObject(action.error) ? patchState(state, { lastError: action.error }) : state;
    case 'clear_error':
      return state.lastError === null ? state : patchState(state, { lastError: null });
    case 'mic': {
      const patch = isObject(action.patch) ? action.patch : {};
      const mic: MicState = { ...state.mic };
      if (typeof patch.muted === 'boolean') mic.muted = patch.muted;
      if (typeof patch.permission === 'string' && PERMISSIONS.has(patch.permission)) mic.permission = patch.permission;
      if (typeof patch.deviceId === 'string' || patch.deviceId === null) mic.deviceId = patch.deviceId;
      if (
        mic.muted === state.mic.muted &&
        mic.permission === state.mic.permission &&
        mic.deviceId === state.mic.deviceId
      ) {
        return state;
      }
      return withAgentState(patchState(state, { mic }));
    }
    case 'output': {
      const patch = isObject(action.patch) ? action.patch : {};
      const output: AudioOutputState = { ...state.output };
      if (typeof patch.playbackBlocked === 'boolean') output.playbackBlocked = patch.playbackBlocked;
      if (typeof patch.deviceId === 'string' || patch.deviceId === null) output.deviceId = patch.deviceId;
      if (output.playbackBlocked === state.output.playbackBlocked && output.deviceId === state.output.deviceId)
        return state;
      return patchState(state, { output });
    }
    case 'call': {
      const callId = typeof action.callId === 'string' ? action.callId : null;
      return callId === state.callId ? state : patchState(state, { callId });
    }
    case 'transport':
      return isObject(action.transport) ? patchState(state, { transport: action.transport }) : state;
    case 'tool_calls':
      return Array.isArray(action.calls) && action.calls !== state.toolCalls
        ? patchState(state, { toolCalls: action.calls })
        : state;
    case 'item_images': {
      const item = typeof action.itemId === 'string' ? tableGet(state.items, action.itemId) : undefined;
      if (item === undefined || !Array.isArray(action.images)) return state;
      return put(state, item.id, patchItem(item, { images: action.images }));
    }
    case 'reset':
      return createInitialState();
    default:
      return state;
  }
}
