/**
 * GA Realtime server events as OpenAI sends them over WebRTC (the order of the recorded sequences in the protocol
 * fixtures), built for the scripted transport. Plain objects: the session parses and reduces them as it would
 * the server's.
 */
export type ScriptedEvent = { type: string; [key: string]: unknown };

export function createEventIds() {
  let counter = 0;
  return (prefix: string) => `${prefix}_scripted${(++counter).toString(36).padStart(5, '0')}`;
}

export function realtimeSession(id: string, config: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'realtime',
    object: 'realtime.session',
    id,
    model: 'gpt-realtime',
    output_modalities: ['audio'],
    instructions: '',
    tools: [],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    ...config,
  };
}

export function response(id: string, status: string, output: unknown[] = [], reason?: string): Record<string, unknown> {
  return {
    object: 'realtime.response',
    id,
    status,
    status_details: reason === undefined ? null : { type: 'cancelled', reason },
    output,
    conversation_id: 'conv_scripted',
    output_modalities: ['audio'],
    usage:
      status === 'in_progress'
        ? null
        : {
            total_tokens: 20,
            input_tokens: 12,
            output_tokens: 8,
            input_token_details: { text_tokens: 12, audio_tokens: 0, cached_tokens: 0 },
            output_token_details: { text_tokens: 4, audio_tokens: 4 },
          },
  };
}

/** A user's spoken turn as server VAD and input transcription report it. */
export function userTurn(itemId: string, previousItemId: string | null, transcript: string): ScriptedEvent[] {
  const item = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: 'completed',
    role: 'user',
    content: [{ type: 'input_audio', transcript: null }],
  };
  return [
    { type: 'input_audio_buffer.speech_started', audio_start_ms: 0, item_id: itemId },
    { type: 'input_audio_buffer.speech_stopped', audio_end_ms: 1200, item_id: itemId },
    { type: 'input_audio_buffer.committed', previous_item_id: previousItemId, item_id: itemId },
    { type: 'conversation.item.added', previous_item_id: previousItemId, item },
    { type: 'conversation.item.done', previous_item_id: previousItemId, item },
    { type: 'conversation.item.input_audio_transcription.completed', item_id: itemId, content_index: 0, transcript },
  ];
}

/** The opening of a spoken reply: the response, its message item, its audio starting to play. */
export function replyStart(responseId: string, itemId: string, previousItemId: string | null): ScriptedEvent[] {
  const item = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: 'in_progress',
    role: 'assistant',
    content: [],
  };
  const at = { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
  return [
    { type: 'response.output_item.added', response_id: responseId, output_index: 0, item },
    { type: 'conversation.item.added', previous_item_id: previousItemId, item },
    { type: 'response.content_part.added', ...at, part: { type: 'audio', transcript: '' } },
    { type: 'output_audio_buffer.started', response_id: responseId },
  ];
}

export function transcriptDelta(responseId: string, itemId: string, delta: string): ScriptedEvent {
  return {
    type: 'response.output_audio_transcript.delta',
    response_id: responseId,
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    delta,
  };
}

/** The end of a spoken reply, complete or cut off (`incomplete` after a cancel). */
export function replyEnd(
  responseId: string,
  itemId: string,
  previousItemId: string | null,
  text: string,
  cancelled: boolean,
): ScriptedEvent[] {
  const item = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: cancelled ? 'incomplete' : 'completed',
    role: 'assistant',
    content: [{ type: 'output_audio', transcript: text }],
  };
  const at = { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
  const done: ScriptedEvent[] = [
    { type: 'response.output_item.done', response_id: responseId, output_index: 0, item },
    { type: 'conversation.item.done', previous_item_id: previousItemId, item },
    {
      type: 'response.done',
      response: response(
        responseId,
        cancelled ? 'cancelled' : 'completed',
        [item],
        cancelled ? 'client_cancelled' : undefined,
      ),
    },
  ];
  if (cancelled) return done;
  return [
    { type: 'response.output_audio.done', ...at },
    { type: 'response.output_audio_transcript.done', ...at, transcript: text },
    { type: 'response.content_part.done', ...at, part: { type: 'audio', transcript: text } },
    ...done,
    { type: 'output_audio_buffer.stopped', response_id: responseId },
  ];
}

/** A function call: the item, its arguments streamed, the response done (the client runs the tool). */
export function functionCall(
  responseId: string,
  itemId: string,
  previousItemId: string | null,
  call: { callId: string; name: string; arguments: string },
): ScriptedEvent[] {
  const base = { id: itemId, object: 'realtime.item', type: 'function_call', call_id: call.callId, name: call.name };
  const done = { ...base, status: 'completed', arguments: call.arguments };
  const at = { response_id: responseId, item_id: itemId, output_index: 0, call_id: call.callId };
  return [
    {
      type: 'response.output_item.added',
      response_id: responseId,
      output_index: 0,
      item: { ...base, status: 'in_progress', arguments: '' },
    },
    {
      type: 'conversation.item.added',
      previous_item_id: previousItemId,
      item: { ...base, status: 'in_progress', arguments: '' },
    },
    { type: 'response.function_call_arguments.delta', ...at, delta: call.arguments },
    { type: 'response.function_call_arguments.done', ...at, name: call.name, arguments: call.arguments },
    { type: 'response.output_item.done', response_id: responseId, output_index: 0, item: done },
    { type: 'conversation.item.done', previous_item_id: previousItemId, item: done },
    { type: 'response.done', response: response(responseId, 'completed', [done]) },
  ];
}

/** Splits text into word-sized deltas whose concatenation is exactly `text`. */
export function words(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/**
 * An out-of-band response (`conversation: 'none'`): no conversation id, its metadata echoed, text streamed, and
 * no `conversation.item.*` events, since its item never joins the conversation.
 */
export function outOfBandReply(responseId: string, itemId: string, text: string, metadata: unknown): ScriptedEvent[] {
  const base = {
    ...response(responseId, 'in_progress'),
    conversation_id: null,
    metadata: metadata ?? null,
    output_modalities: ['text'],
  };
  const item = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_text', text }],
  };
  const at = { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
  return [
    { type: 'response.created', response: base },
    {
      type: 'response.output_item.added',
      response_id: responseId,
      output_index: 0,
      item: { ...item, status: 'in_progress', content: [] },
    },
    ...words(text).map((delta) => ({ type: 'response.output_text.delta', ...at, delta })),
    { type: 'response.output_text.done', ...at, text },
    { type: 'response.output_item.done', response_id: responseId, output_index: 0, item },
    {
      type: 'response.done',
      response: {
        ...response(responseId, 'completed', [item]),
        conversation_id: null,
        metadata: metadata ?? null,
        output_modalities: ['text'],
      },
    },
  ];
}
