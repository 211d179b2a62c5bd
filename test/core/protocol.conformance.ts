/**
 * Compile-time conformance with OpenAI's own GA types (checked by `tsc --noEmit`; nothing runs). If the
 * `openai` package gains, drops or renames an event, or our client events stop fitting its shapes, type
 * checking fails here. `openai` is a dev dependency only: the published types never import it.
 */
import type { RealtimeClientEvent, RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import type { ClientEvent, ServerEvent } from '../../src/entries/core.js';
import type { CLIENT_EVENT_TYPES, SERVER_EVENT_TYPES } from '../../src/entries/core.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

// Event type names, both directions.
export type ServerNamesMatch = Expect<Equal<ServerEvent['type'], RealtimeServerEvent['type']>>;
export type ClientNamesMatch = Expect<Equal<ClientEvent['type'], RealtimeClientEvent['type']>>;
// The runtime lists hold every name.
export type ServerListComplete = Expect<Equal<(typeof SERVER_EVENT_TYPES)[number], RealtimeServerEvent['type']>>;
export type ClientListComplete = Expect<Equal<(typeof CLIENT_EVENT_TYPES)[number], RealtimeClientEvent['type']>>;

type ClientOf<T extends ClientEvent['type']> = Extract<ClientEvent, { type: T }>;
type OpenAIClientOf<T extends RealtimeClientEvent['type']> = Extract<RealtimeClientEvent, { type: T }>;
type Assignable<A, B> = [A] extends [B] ? true : false;

// Client events whose shapes match exactly enough to be assignable as types.
export type SimpleClientEventsFit = Expect<
  Assignable<
    ClientOf<
      | 'input_audio_buffer.append'
      | 'input_audio_buffer.commit'
      | 'input_audio_buffer.clear'
      | 'output_audio_buffer.clear'
      | 'conversation.item.retrieve'
      | 'conversation.item.truncate'
      | 'conversation.item.delete'
      | 'response.cancel'
    >,
    OpenAIClientOf<
      | 'input_audio_buffer.append'
      | 'input_audio_buffer.commit'
      | 'input_audio_buffer.clear'
      | 'output_audio_buffer.clear'
      | 'conversation.item.retrieve'
      | 'conversation.item.truncate'
      | 'conversation.item.delete'
      | 'response.cancel'
    >
  >
>;

// Events whose types are deliberately wider than openai's (null clears a setting, as the API documents;
// `response.create` input may hold `item_reference`s): concrete values built with our types must still fit.
const sessionUpdate = {
  type: 'session.update',
  event_id: 'evt_1',
  session: {
    type: 'realtime',
    model: 'gpt-realtime',
    instructions: 'Be brief.',
    output_modalities: ['audio'],
    audio: {
      input: {
        format: { type: 'audio/pcm', rate: 24000 },
        transcription: { model: 'gpt-4o-mini-transcribe', language: 'en' },
        noise_reduction: { type: 'near_field' },
        turn_detection: { type: 'semantic_vad', eagerness: 'auto', create_response: true, interrupt_response: true },
      },
      output: { format: { type: 'audio/pcm', rate: 24000 }, voice: 'marin', speed: 1 },
    },
    tools: [{ type: 'function', name: 'lookup', description: 'Look a word up', parameters: { type: 'object' } }],
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    tracing: 'auto',
    truncation: 'auto',
  },
} as const satisfies ClientEvent;
export const sessionUpdateFits: RealtimeClientEvent = sessionUpdate;

// Every session setting talkwire types (issue: "every session setting, kept"), as openai's types take it.
const everySetting = {
  type: 'session.update',
  session: {
    type: 'realtime',
    audio: {
      input: {
        noise_reduction: { type: 'far_field' },
        turn_detection: {
          type: 'server_vad',
          threshold: 0.6,
          prefix_padding_ms: 300,
          silence_duration_ms: 800,
          idle_timeout_ms: 6000,
          create_response: true,
          interrupt_response: false,
        },
      },
      output: { voice: { id: 'voice_123' } },
    },
    tools: [
      {
        type: 'mcp',
        server_label: 'calendar',
        connector_id: 'connector_googlecalendar',
        authorization: 'token',
        allowed_tools: { read_only: true },
        require_approval: { always: { tool_names: ['create_event'] }, never: { read_only: true } },
      },
    ],
    tool_choice: { type: 'mcp', server_label: 'calendar' },
    tracing: { workflow_name: 'support', group_id: 'g1', metadata: { tier: 'gold' } },
    truncation: { type: 'retention_ratio', retention_ratio: 0.8, token_limits: { post_instructions: 8000 } },
    prompt: { id: 'pmpt_1', version: '2', variables: { city: 'Paris' } },
    include: ['item.input_audio_transcription.logprobs'],
    reasoning: { effort: 'low' },
    parallel_tool_calls: false,
  },
} as const satisfies ClientEvent;
export const everySettingFits: RealtimeClientEvent = everySetting;
const semanticEagerness = {
  type: 'session.update',
  session: { type: 'realtime', audio: { input: { turn_detection: { type: 'semantic_vad', eagerness: 'high' } } } },
} as const satisfies ClientEvent;
export const semanticEagernessFits: RealtimeClientEvent = semanticEagerness;

const itemCreate = {
  type: 'conversation.item.create',
  previous_item_id: 'root',
  item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] },
} as const satisfies ClientEvent;
export const itemCreateFits: RealtimeClientEvent = itemCreate;

const toolOutput = {
  type: 'conversation.item.create',
  item: { type: 'function_call_output', call_id: 'call_1', output: '{"ok":true}' },
} as const satisfies ClientEvent;
export const toolOutputFits: RealtimeClientEvent = toolOutput;

const responseCreate = {
  type: 'response.create',
  response: {
    output_modalities: ['text'],
    instructions: 'Summarise.',
    conversation: 'none',
    metadata: { purpose: 'summary' },
    tool_choice: { type: 'function', name: 'lookup' },
    input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Sum up.' }] }],
  },
} as const satisfies ClientEvent;
export const responseCreateFits: RealtimeClientEvent = responseCreate;

// And openai's server events are events we accept: every one of them is a ServerEvent by name.
export type OpenAIServerEventsKnown = Expect<Assignable<RealtimeServerEvent['type'], ServerEvent['type']>>;
