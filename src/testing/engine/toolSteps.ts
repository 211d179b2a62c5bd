import { newId } from '../ids.js';
import type { AssistantStep } from '../scenario.js';
import type { ActiveResponse, ResponseHost } from './responseShapes.js';
import type { ConversationItem } from './types.js';

/** How a scripted tool step reports back: adds output items, then finishes the response. */
export interface StepSink {
  addOutputItem(r: ActiveResponse, item: ConversationItem): number;
  finishOutputItem(r: ActiveResponse, item: ConversationItem, outputIndex: number): void;
  finishResponse(r: ActiveResponse, status: string, statusDetails: unknown): void;
  isActive(r: ActiveResponse): boolean;
}

export function emitFunctionCall(
  host: ResponseHost,
  sink: StepSink,
  r: ActiveResponse,
  step: Extract<AssistantStep, { type: 'function_call' }>,
): void {
  const callId = step.call_id ?? newId('call', 16);
  const item: ConversationItem = {
    id: newId('item'),
    object: 'realtime.item',
    type: 'function_call',
    status: 'in_progress',
    name: step.name,
    call_id: callId,
    arguments: '',
  };
  const outputIndex = sink.addOutputItem(r, item);
  const args = step.arguments;
  const chunk = Math.max(1, Math.ceil(args.length / 3));
  const common = { response_id: r.id, item_id: item.id, output_index: outputIndex, call_id: callId };
  for (let i = 0; i < args.length; i += chunk) {
    host.send({ type: 'response.function_call_arguments.delta', ...common, delta: args.slice(i, i + chunk) });
  }
  item.arguments = args;
  host.send({ type: 'response.function_call_arguments.done', ...common, name: step.name, arguments: args });
  sink.finishOutputItem(r, item, outputIndex);
  sink.finishResponse(r, 'completed', null);
}

export function emitMcpApproval(
  host: ResponseHost,
  sink: StepSink,
  r: ActiveResponse,
  step: Extract<AssistantStep, { type: 'mcp_approval_request' }>,
): void {
  const item: ConversationItem = {
    id: newId('mcpr'),
    object: 'realtime.item',
    type: 'mcp_approval_request',
    server_label: step.server_label,
    name: step.name,
    arguments: step.arguments,
  };
  const outputIndex = sink.addOutputItem(r, item);
  host.send({ type: 'response.output_item.done', response_id: r.id, output_index: outputIndex, item });
  host.send({ type: 'conversation.item.done', previous_item_id: host.items.previousOf(item), item });
  sink.finishResponse(r, 'completed', null);
}

/** A server-side MCP tool call with its progress events, as OpenAI runs one after approval. */
export function emitMcpCall(
  host: ResponseHost,
  sink: StepSink,
  r: ActiveResponse,
  step: Extract<AssistantStep, { type: 'mcp_call' }>,
): void {
  const item: ConversationItem = {
    id: newId('mcp'),
    object: 'realtime.item',
    type: 'mcp_call',
    server_label: step.server_label,
    name: step.name,
    arguments: '',
    approval_request_id: null,
    output: null,
    error: null,
  };
  const outputIndex = sink.addOutputItem(r, item);
  const common = { response_id: r.id, item_id: item.id, output_index: outputIndex };
  host.send({ type: 'response.mcp_call_arguments.delta', ...common, delta: step.arguments });
  host.send({ type: 'response.mcp_call_arguments.done', ...common, arguments: step.arguments });
  item.arguments = step.arguments;
  host.send({ type: 'response.mcp_call.in_progress', output_index: outputIndex, item_id: item.id });
  r.timer = setTimeout(() => {
    if (!sink.isActive(r)) return;
    item.output = step.output;
    host.send({ type: 'response.mcp_call.completed', output_index: outputIndex, item_id: item.id });
    sink.finishOutputItem(r, item, outputIndex);
    sink.finishResponse(r, 'completed', null);
  }, 150);
}
