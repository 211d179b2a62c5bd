import type { ScriptStep } from './createScriptedSession.js';
import { assistantTurn, bargeIn, functionCallTurn, userTurn, type ServerEventJson } from './realtimeEvents.js';
import { scenarios } from './scenarios.js';

/** Scripts for the conversation-feature stories and tests, played through the real reducer. */
let n = 0;
const id = (prefix: string) => `${prefix}_feat${n++}`;
const ev = () => id('event');

function responseObject(responseId: string, status: string, output: unknown[] = [], usage: unknown = null) {
  return {
    object: 'realtime.response',
    id: responseId,
    status,
    status_details: null,
    output,
    conversation_id: 'conv_story',
    usage,
  };
}

/** A function call the scripted session's real tool runner picks up (the output is logged, not echoed). */
export function toolCall(name: string, args: string, previousItemId: string | null = null): ScriptStep[] {
  const turn = functionCallTurn(id('resp'), id('item'), previousItemId, {
    callId: id('call'),
    name,
    arguments: args,
    outputItemId: id('item'),
    output: '',
  });
  return [...turn.start, ...turn.call];
}

/** The server asks the user to approve an MCP tool call. */
export function mcpApprovalRequest(serverLabel: string, name: string, args: string): ServerEventJson[] {
  const responseId = id('resp');
  const item = {
    id: id('mcpr'),
    object: 'realtime.item',
    type: 'mcp_approval_request',
    server_label: serverLabel,
    name,
    arguments: args,
  };
  return [
    { type: 'response.created', event_id: ev(), response: responseObject(responseId, 'in_progress') },
    { type: 'response.output_item.added', event_id: ev(), response_id: responseId, output_index: 0, item },
    { type: 'conversation.item.added', event_id: ev(), previous_item_id: null, item },
    { type: 'response.output_item.done', event_id: ev(), response_id: responseId, output_index: 0, item },
    { type: 'conversation.item.done', event_id: ev(), previous_item_id: null, item },
    { type: 'response.done', event_id: ev(), response: responseObject(responseId, 'completed', [item]) },
  ];
}

/** MCP tools listed for a server, then a call in progress (`running`) or completed. */
export function mcpToolsAndCall(done: boolean): ServerEventJson[] {
  const listId = id('mcpl');
  const list = {
    id: listId,
    object: 'realtime.item',
    type: 'mcp_list_tools',
    server_label: 'calendar',
    tools: [
      { name: 'create_event', input_schema: { type: 'object' } },
      { name: 'list_events', input_schema: { type: 'object' } },
    ],
  };
  const responseId = id('resp');
  const callId = id('mcp');
  const call = {
    id: callId,
    object: 'realtime.item',
    type: 'mcp_call',
    server_label: 'calendar',
    name: 'list_events',
    arguments: '',
    output: null,
  };
  const events: ServerEventJson[] = [
    { type: 'conversation.item.added', event_id: ev(), previous_item_id: null, item: list },
    { type: 'mcp_list_tools.in_progress', event_id: ev(), item_id: listId },
    { type: 'mcp_list_tools.completed', event_id: ev(), item_id: listId },
    { type: 'conversation.item.done', event_id: ev(), previous_item_id: null, item: list },
    { type: 'response.created', event_id: ev(), response: responseObject(responseId, 'in_progress') },
    { type: 'response.output_item.added', event_id: ev(), response_id: responseId, output_index: 0, item: call },
    { type: 'conversation.item.added', event_id: ev(), previous_item_id: listId, item: call },
    {
      type: 'response.mcp_call_arguments.done',
      event_id: ev(),
      response_id: responseId,
      item_id: callId,
      output_index: 0,
      arguments: '{"day":"today"}',
    },
    { type: 'response.mcp_call.in_progress', event_id: ev(), output_index: 0, item_id: callId },
  ];
  if (!done) return events;
  const finished = { ...call, status: 'completed', arguments: '{"day":"today"}', output: '2 events' };
  return [
    ...events,
    { type: 'response.mcp_call.completed', event_id: ev(), output_index: 0, item_id: callId },
    { type: 'response.output_item.done', event_id: ev(), response_id: responseId, output_index: 0, item: finished },
    { type: 'response.done', event_id: ev(), response: responseObject(responseId, 'completed', [finished]) },
  ];
}

/** A text-only answer (`output_modalities: ["text"]`): `response.output_text.delta` events. */
export function textOnlyTurn(text: string): ServerEventJson[] {
  const responseId = id('resp');
  const itemId = id('item');
  const open = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: 'in_progress',
    role: 'assistant',
    content: [],
  };
  const words = text.match(/\S+\s*/g) ?? [];
  const done = { ...open, status: 'completed', content: [{ type: 'output_text', text }] };
  return [
    { type: 'response.created', event_id: ev(), response: responseObject(responseId, 'in_progress') },
    { type: 'response.output_item.added', event_id: ev(), response_id: responseId, output_index: 0, item: open },
    { type: 'conversation.item.added', event_id: ev(), previous_item_id: null, item: open },
    {
      type: 'response.content_part.added',
      event_id: ev(),
      response_id: responseId,
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      part: { type: 'text', text: '' },
    },
    ...words.map((delta) => ({
      type: 'response.output_text.delta',
      event_id: ev(),
      response_id: responseId,
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      delta,
    })),
    {
      type: 'response.output_text.done',
      event_id: ev(),
      response_id: responseId,
      item_id: itemId,
      output_index: 0,
      content_index: 0,
      text,
    },
    { type: 'response.output_item.done', event_id: ev(), response_id: responseId, output_index: 0, item: done },
    { type: 'conversation.item.done', event_id: ev(), previous_item_id: null, item: done },
    {
      type: 'response.done',
      event_id: ev(),
      response: responseObject(responseId, 'completed', [done], {
        total_tokens: 412,
        input_tokens: 380,
        output_tokens: 32,
        input_token_details: { text_tokens: 120, audio_tokens: 260, cached_tokens: 64 },
        output_token_details: { text_tokens: 32, audio_tokens: 0 },
      }),
    },
  ];
}

/** The assistant cut off mid-answer: its entry ends `incomplete`. */
export function interruptedAnswer(): ScriptStep[] {
  const turn = assistantTurn(
    'resp_cut',
    'item_cut',
    'item_u1',
    'Let me tell you everything about the history of Paris, starting with',
  );
  return [
    ...userTurn('item_u1', null, 'Tell me about Paris.'),
    ...turn.start,
    ...turn.open,
    ...turn.deltas.slice(0, 8),
    ...bargeIn('resp_cut', 'item_cut', 'Let me tell you everything about', 'item_u2'),
  ];
}

export const featureScenarios = {
  connected: scenarios.listening,
  mcpApproval: [
    ...scenarios.listening,
    ...mcpApprovalRequest('calendar', 'create_event', '{"title":"Dinner","when":"20:00"}'),
  ],
  mcpRunning: [...scenarios.listening, ...mcpToolsAndCall(false)],
  mcpDone: [...scenarios.listening, ...mcpToolsAndCall(true)],
  textOnly: [...scenarios.listening, ...textOnlyTurn('Here is a written answer, streamed as text deltas.')],
  interrupted: [...scenarios.listening, ...interruptedAnswer()],
} satisfies Record<string, ScriptStep[]>;
