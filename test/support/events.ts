/** Builders for GA server events used across the core tests. */
import type { RealtimeState } from '../../src/entries/core.js';
import { reduceServerEvent } from '../../src/entries/core.js';

let counter = 0;
const eid = (): string => `event_${++counter}`;

type Content = Array<Record<string, unknown>>;

export const ev = {
  added: (
    id: string,
    role: string,
    previous: string | null | undefined,
    content: Content = [],
    status = 'completed',
  ) => ({
    type: 'conversation.item.added',
    event_id: eid(),
    ...(previous === undefined ? {} : { previous_item_id: previous }),
    item: { id, type: 'message', role, status, content },
  }),
  done: (id: string, role: string, previous: string | null, content: Content, status = 'completed') => ({
    type: 'conversation.item.done',
    event_id: eid(),
    previous_item_id: previous,
    item: { id, type: 'message', role, status, content },
  }),
  userAudio: (id: string, previous: string | null, transcript: string | null = null) =>
    ev.added(id, 'user', previous, [{ type: 'input_audio', transcript }]),
  outputItemAdded: (responseId: string, item: Record<string, unknown>) => ({
    type: 'response.output_item.added',
    event_id: eid(),
    response_id: responseId,
    output_index: 0,
    item,
  }),
  outputItemDone: (responseId: string, item: Record<string, unknown>) => ({
    type: 'response.output_item.done',
    event_id: eid(),
    response_id: responseId,
    output_index: 0,
    item,
  }),
  transcriptDelta: (itemId: string, delta: string, responseId = 'resp_1', contentIndex = 0) => ({
    type: 'response.output_audio_transcript.delta',
    event_id: eid(),
    response_id: responseId,
    item_id: itemId,
    output_index: 0,
    content_index: contentIndex,
    delta,
  }),
  transcriptDone: (itemId: string, transcript: string, responseId = 'resp_1') => ({
    type: 'response.output_audio_transcript.done',
    event_id: eid(),
    response_id: responseId,
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    transcript,
  }),
  textDelta: (itemId: string, delta: string) => ({
    type: 'response.output_text.delta',
    event_id: eid(),
    response_id: 'resp_1',
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    delta,
  }),
  textDone: (itemId: string, text: string) => ({
    type: 'response.output_text.done',
    event_id: eid(),
    response_id: 'resp_1',
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    text,
  }),
  inputDelta: (itemId: string, delta: string) => ({
    type: 'conversation.item.input_audio_transcription.delta',
    event_id: eid(),
    item_id: itemId,
    content_index: 0,
    delta,
  }),
  inputCompleted: (itemId: string, transcript: string) => ({
    type: 'conversation.item.input_audio_transcription.completed',
    event_id: eid(),
    item_id: itemId,
    content_index: 0,
    transcript,
  }),
  inputFailed: (itemId: string, message = 'The audio could not be transcribed.') => ({
    type: 'conversation.item.input_audio_transcription.failed',
    event_id: eid(),
    item_id: itemId,
    content_index: 0,
    error: { type: 'transcription_error', code: 'audio_unintelligible', message, param: null },
  }),
  responseCreated: (id: string, extra: Record<string, unknown> = {}) => ({
    type: 'response.created',
    event_id: eid(),
    response: {
      id,
      object: 'realtime.response',
      status: 'in_progress',
      output: [],
      conversation_id: 'conv_1',
      ...extra,
    },
  }),
  responseDone: (id: string, status = 'completed', output: unknown[] = [], extra: Record<string, unknown> = {}) => ({
    type: 'response.done',
    event_id: eid(),
    response: { id, object: 'realtime.response', status, output, conversation_id: 'conv_1', ...extra },
  }),
  simple: (type: string, fields: Record<string, unknown> = {}) => ({ type, event_id: eid(), ...fields }),
};

export function reduceAll(state: RealtimeState, events: readonly unknown[]): RealtimeState {
  return events.reduce<RealtimeState>((s, e) => reduceServerEvent(s, e), state);
}
