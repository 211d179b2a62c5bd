import { emptyOrder } from './conversationOrder.js';
import { emptyTable } from './KeyedTable.js';
import type { RealtimeState } from './types.js';

/** A fresh, empty conversation: nothing connected, nothing said. */
export function createInitialState(): RealtimeState {
  return {
    status: 'idle',
    agentState: 'idle',
    session: null,
    callId: null,
    items: emptyTable(),
    order: emptyOrder(),
    responses: emptyTable(),
    openResponses: [],
    activeResponseId: null,
    speakingResponseId: null,
    usage: {
      responses: 0,
      totalTokens: 0,
      inputTokens: 0,
      outputTokens: 0,
      inputTextTokens: 0,
      inputAudioTokens: 0,
      cachedTokens: 0,
      outputTextTokens: 0,
      outputAudioTokens: 0,
    },
    rateLimits: [],
    lastError: null,
    mic: { muted: false, permission: 'prompt', deviceId: null },
    output: { playbackBlocked: false, deviceId: null },
    transport: { kind: null, fallback: null },
    transcriptionSession: null,
    userSpeaking: false,
    awaitingResponse: false,
    toolCalls: [],
    pending: Object.create(null) as Record<string, never>,
    orphans: Object.create(null) as Record<string, never>,
    protocolWarning: null,
  };
}
