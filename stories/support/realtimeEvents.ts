/**
 * GA Realtime server events shaped as OpenAI sends them over WebRTC (see ../shared/realtime-protocol.md and the
 * recorded sequences in ../shared/fixtures/realtime/sequences). Used to script sessions for stories.
 */
let counter = 0;
const eventId = () => `event_story${(counter++).toString(36).padStart(6, '0')}`;

export type ServerEventJson = { type: string; [key: string]: unknown };

export function sessionCreated(instructions = 'You are a friendly voice assistant.'): ServerEventJson {
  return {
    type: 'session.created',
    event_id: eventId(),
    session: {
      type: 'realtime',
      object: 'realtime.session',
      id: 'sess_story',
      model: 'gpt-realtime',
      output_modalities: ['audio'],
      instructions,
      audio: {
        input: {
          format: { type: 'audio/pcm', rate: 24000 },
          transcription: { model: 'gpt-4o-mini-transcribe' },
          noise_reduction: null,
          turn_detection: {
            type: 'server_vad',
            threshold: 0.5,
            prefix_padding_ms: 300,
            silence_duration_ms: 200,
            create_response: true,
            interrupt_response: true,
          },
        },
        output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin', speed: 1 },
      },
      tools: [],
      tool_choice: 'auto',
      max_output_tokens: 'inf',
      tracing: null,
      prompt: null,
      expires_at: 0,
      include: null,
    },
  };
}

/** User speaks: VAD start. */
export function userSpeechStarted(itemId: string): ServerEventJson[] {
  return [{ type: 'input_audio_buffer.speech_started', event_id: eventId(), audio_start_ms: 1000, item_id: itemId }];
}

/** VAD stop, commit and the user item (without transcript yet). */
export function userSpeechCommitted(itemId: string, previousItemId: string | null): ServerEventJson[] {
  const item = {
    id: itemId,
    type: 'message',
    status: 'completed',
    role: 'user',
    content: [{ type: 'input_audio', transcript: null }],
  };
  return [
    { type: 'input_audio_buffer.speech_stopped', event_id: eventId(), audio_end_ms: 2400, item_id: itemId },
    { type: 'input_audio_buffer.committed', event_id: eventId(), previous_item_id: previousItemId, item_id: itemId },
    { type: 'conversation.item.added', event_id: eventId(), previous_item_id: previousItemId, item },
    { type: 'conversation.item.done', event_id: eventId(), previous_item_id: previousItemId, item },
  ];
}

/** Input transcription of a user item, streamed then completed. */
export function userTranscript(itemId: string, transcript: string): ServerEventJson[] {
  return [
    ...chunks(transcript).map((delta) => ({
      type: 'conversation.item.input_audio_transcription.delta',
      event_id: eventId(),
      item_id: itemId,
      content_index: 0,
      delta,
    })),
    {
      type: 'conversation.item.input_audio_transcription.completed',
      event_id: eventId(),
      item_id: itemId,
      content_index: 0,
      transcript,
      usage: { type: 'duration', seconds: 2 },
    },
  ];
}

export function userTurn(itemId: string, previousItemId: string | null, transcript: string): ServerEventJson[] {
  return [
    ...userSpeechStarted(itemId),
    ...userSpeechCommitted(itemId, previousItemId),
    ...userTranscript(itemId, transcript),
  ];
}

function response(id: string, status: string, output: unknown[] = [], reason?: string): Record<string, unknown> {
  return {
    object: 'realtime.response',
    id,
    status,
    status_details: reason === undefined ? null : { type: 'cancelled', reason },
    output,
    conversation_id: 'conv_story',
    output_modalities: ['audio'],
    max_output_tokens: 'inf',
    audio: { output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin' } },
    usage:
      status === 'in_progress'
        ? null
        : {
            total_tokens: 120,
            input_tokens: 80,
            output_tokens: 40,
            input_token_details: { text_tokens: 30, audio_tokens: 50, cached_tokens: 0 },
            output_token_details: { text_tokens: 10, audio_tokens: 30 },
          },
    metadata: null,
  };
}

export interface AssistantTurn {
  /** response.created: the agent is thinking. */
  start: ServerEventJson[];
  /** Item and content part added, audio starts playing. */
  open: ServerEventJson[];
  /** Transcript deltas, one per word. */
  deltas: ServerEventJson[];
  /** Everything that finishes the turn. */
  end: ServerEventJson[];
  all: ServerEventJson[];
}

/** One streamed piece of an assistant's spoken transcript (content part 0 of output 0). */
export function transcriptDelta(responseId: string, itemId: string, delta: string): ServerEventJson {
  return {
    type: 'response.output_audio_transcript.delta',
    event_id: eventId(),
    response_id: responseId,
    item_id: itemId,
    output_index: 0,
    content_index: 0,
    delta,
  };
}

export function assistantTurn(
  responseId: string,
  itemId: string,
  previousItemId: string | null,
  text: string,
): AssistantTurn {
  const inProgress = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: 'in_progress',
    role: 'assistant',
    content: [],
  };
  const done = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: 'completed',
    role: 'assistant',
    content: [{ type: 'output_audio', transcript: text }],
  };
  const at = { response_id: responseId, item_id: itemId, output_index: 0, content_index: 0 };
  const start = [{ type: 'response.created', event_id: eventId(), response: response(responseId, 'in_progress') }];
  const open = [
    {
      type: 'response.output_item.added',
      event_id: eventId(),
      response_id: responseId,
      output_index: 0,
      item: inProgress,
    },
    { type: 'conversation.item.added', event_id: eventId(), previous_item_id: previousItemId, item: inProgress },
    { type: 'response.content_part.added', event_id: eventId(), ...at, part: { type: 'audio', transcript: '' } },
    { type: 'output_audio_buffer.started', event_id: eventId(), response_id: responseId },
  ];
  const deltas = chunks(text).map((delta) => transcriptDelta(responseId, itemId, delta));
  const end = [
    { type: 'response.output_audio.done', event_id: eventId(), ...at },
    { type: 'response.output_audio_transcript.done', event_id: eventId(), ...at, transcript: text },
    { type: 'response.content_part.done', event_id: eventId(), ...at, part: { type: 'audio', transcript: text } },
    { type: 'response.output_item.done', event_id: eventId(), response_id: responseId, output_index: 0, item: done },
    { type: 'conversation.item.done', event_id: eventId(), previous_item_id: previousItemId, item: done },
    { type: 'response.done', event_id: eventId(), response: response(responseId, 'completed', [done]) },
    { type: 'output_audio_buffer.stopped', event_id: eventId(), response_id: responseId },
  ];
  return { start, open, deltas, end, all: [...start, ...open, ...deltas, ...end] };
}

export interface FunctionCallTurn {
  start: ServerEventJson[];
  /** Arguments streamed and the call item completed: the handler is now running. */
  call: ServerEventJson[];
  /** The output item the client sends back, echoed by the server. */
  output: ServerEventJson[];
  all: ServerEventJson[];
}

export function functionCallTurn(
  responseId: string,
  itemId: string,
  previousItemId: string | null,
  call: { callId: string; name: string; arguments: string; outputItemId: string; output: string },
): FunctionCallTurn {
  const base = { id: itemId, object: 'realtime.item', type: 'function_call', call_id: call.callId, name: call.name };
  const added = { ...base, status: 'in_progress', arguments: '' };
  const done = { ...base, status: 'completed', arguments: call.arguments };
  const start = [{ type: 'response.created', event_id: eventId(), response: response(responseId, 'in_progress') }];
  const callEvents = [
    { type: 'response.output_item.added', event_id: eventId(), response_id: responseId, output_index: 0, item: added },
    { type: 'conversation.item.added', event_id: eventId(), previous_item_id: previousItemId, item: added },
    ...chunks(call.arguments, 8).map((delta) => ({
      type: 'response.function_call_arguments.delta',
      event_id: eventId(),
      response_id: responseId,
      item_id: itemId,
      output_index: 0,
      call_id: call.callId,
      delta,
    })),
    {
      type: 'response.function_call_arguments.done',
      event_id: eventId(),
      response_id: responseId,
      item_id: itemId,
      output_index: 0,
      call_id: call.callId,
      name: call.name,
      arguments: call.arguments,
    },
    { type: 'response.output_item.done', event_id: eventId(), response_id: responseId, output_index: 0, item: done },
    { type: 'conversation.item.done', event_id: eventId(), previous_item_id: previousItemId, item: done },
    { type: 'response.done', event_id: eventId(), response: response(responseId, 'completed', [done]) },
  ];
  const outputItem = {
    id: call.outputItemId,
    object: 'realtime.item',
    type: 'function_call_output',
    call_id: call.callId,
    output: call.output,
  };
  const output = [
    { type: 'conversation.item.added', event_id: eventId(), previous_item_id: itemId, item: outputItem },
    { type: 'conversation.item.done', event_id: eventId(), previous_item_id: itemId, item: outputItem },
  ];
  return { start, call: callEvents, output, all: [...start, ...callEvents, ...output] };
}

/** The assistant cut off by the user (server VAD barge-in). */
export function bargeIn(
  responseId: string,
  itemId: string,
  partialText: string,
  userItemId: string,
): ServerEventJson[] {
  const cut = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: 'incomplete',
    role: 'assistant',
    content: [{ type: 'output_audio', transcript: partialText }],
  };
  return [
    { type: 'input_audio_buffer.speech_started', event_id: eventId(), audio_start_ms: 5000, item_id: userItemId },
    { type: 'response.output_item.done', event_id: eventId(), response_id: responseId, output_index: 0, item: cut },
    { type: 'conversation.item.done', event_id: eventId(), item: cut },
    { type: 'response.done', event_id: eventId(), response: response(responseId, 'cancelled', [cut], 'turn_detected') },
    { type: 'output_audio_buffer.cleared', event_id: eventId(), response_id: responseId },
  ];
}

export function serverError(code: string, message: string, type = 'invalid_request_error'): ServerEventJson {
  return { type: 'error', event_id: eventId(), error: { type, code, message, param: null, event_id: null } };
}

/** Splits text into word-sized deltas whose concatenation is exactly `text`. */
export function chunks(text: string, size?: number): string[] {
  if (size !== undefined) {
    const out: string[] = [];
    for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
    return out;
  }
  return text.match(/\S+\s*|\s+/g) ?? [];
}
