/**
 * A synthetic voice session as GA server events: each turn is a user utterance (VAD, commit, item, input
 * transcription) and a spoken reply streamed as transcript deltas.
 */
import { createInitialState, reduceServerEvent, type RealtimeState } from '../src/entries/core.js';

let eventCounter = 0;
/** A fresh event id from the counter the generated turns use, so ids stay unique across both. */
export const eid = (): string => `event_${(++eventCounter).toString(36)}`;

/** One user voice turn and one spoken reply, as GA events in arrival order. */
export function turnEvents(
  turn: number,
  previousId: string | null,
  deltas: number,
): { events: object[]; lastId: string } {
  const user = `item_u${turn}`;
  const asst = `item_a${turn}`;
  const resp = `resp_${turn}`;
  const events: object[] = [
    { type: 'input_audio_buffer.speech_started', event_id: eid(), audio_start_ms: 0, item_id: user },
    { type: 'input_audio_buffer.speech_stopped', event_id: eid(), audio_end_ms: 900, item_id: user },
    { type: 'input_audio_buffer.committed', event_id: eid(), previous_item_id: previousId, item_id: user },
    {
      type: 'conversation.item.added',
      event_id: eid(),
      previous_item_id: previousId,
      item: {
        id: user,
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio', transcript: null }],
      },
    },
    {
      type: 'conversation.item.done',
      event_id: eid(),
      previous_item_id: previousId,
      item: {
        id: user,
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio', transcript: null }],
      },
    },
    {
      type: 'response.created',
      event_id: eid(),
      response: { id: resp, object: 'realtime.response', status: 'in_progress', output: [], conversation_id: 'conv_1' },
    },
    {
      type: 'response.output_item.added',
      event_id: eid(),
      response_id: resp,
      output_index: 0,
      item: { id: asst, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
    },
    {
      type: 'conversation.item.added',
      event_id: eid(),
      previous_item_id: user,
      item: { id: asst, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
    },
    {
      type: 'response.content_part.added',
      event_id: eid(),
      response_id: resp,
      item_id: asst,
      output_index: 0,
      content_index: 0,
      part: { type: 'audio', transcript: '' },
    },
  ];
  let text = '';
  for (let i = 0; i < deltas; i++) {
    const delta = ` word${i}`;
    text += delta;
    events.push({
      type: 'response.output_audio_transcript.delta',
      event_id: eid(),
      response_id: resp,
      item_id: asst,
      output_index: 0,
      content_index: 0,
      delta,
    });
    if (i === 5) events.push({ type: 'output_audio_buffer.started', event_id: eid(), response_id: resp });
    if (i === 10) {
      events.push({
        type: 'conversation.item.input_audio_transcription.delta',
        event_id: eid(),
        item_id: user,
        content_index: 0,
        delta: 'Hello',
      });
      events.push({
        type: 'conversation.item.input_audio_transcription.completed',
        event_id: eid(),
        item_id: user,
        content_index: 0,
        transcript: 'Hello there',
      });
    }
  }
  const done = {
    id: asst,
    type: 'message',
    role: 'assistant',
    status: 'completed',
    content: [{ type: 'output_audio', transcript: text }],
  };
  events.push(
    {
      type: 'response.output_audio_transcript.done',
      event_id: eid(),
      response_id: resp,
      item_id: asst,
      output_index: 0,
      content_index: 0,
      transcript: text,
    },
    {
      type: 'response.content_part.done',
      event_id: eid(),
      response_id: resp,
      item_id: asst,
      output_index: 0,
      content_index: 0,
      part: { type: 'audio', transcript: text },
    },
    { type: 'response.output_item.done', event_id: eid(), response_id: resp, output_index: 0, item: done },
    { type: 'conversation.item.done', event_id: eid(), previous_item_id: user, item: done },
    {
      type: 'response.done',
      event_id: eid(),
      response: {
        id: resp,
        status: 'completed',
        output: [done],
        conversation_id: 'conv_1',
        usage: { total_tokens: 100, input_tokens: 60, output_tokens: 40 },
      },
    },
    { type: 'output_audio_buffer.stopped', event_id: eid(), response_id: resp },
  );
  return { events, lastId: asst };
}

/** `turns` turns with `deltas` transcript deltas per reply, as wire JSON lines in arrival order. */
export function buildWireSession(turns: number, deltas: number): string[] {
  const wire: string[] = [];
  let previous: string | null = null;
  for (let turn = 0; turn < turns; turn++) {
    const { events, lastId } = turnEvents(turn, previous, deltas);
    for (const event of events) wire.push(JSON.stringify(event));
    previous = lastId;
  }
  return wire;
}

/** The state after `turns` turns (two items each) with `deltas` transcript deltas per reply, and the last item's id. */
export function reducedTurns(turns: number, deltas: number): { state: RealtimeState; lastId: string | null } {
  let state = createInitialState();
  let previous: string | null = null;
  for (let turn = 0; turn < turns; turn++) {
    const { events, lastId } = turnEvents(turn, previous, deltas);
    for (const event of events) state = reduceServerEvent(state, event);
    previous = lastId;
  }
  return { state, lastId: previous };
}

/** `count` transcript deltas of ' w' into one streaming reply, each with its own event id. */
export function streamingDeltas(count: number, responseId: string, itemId: string): object[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'response.output_audio_transcript.delta',
    event_id: `event_d${i}`,
    response_id: responseId,
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    delta: ' w',
  }));
}
