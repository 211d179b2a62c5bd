import { orderToArray, type ConversationOrder } from './conversationOrder.js';
import { isObject, own } from '../protocol/guards.js';
import { tableGet } from './KeyedTable.js';
import type { RealtimeState } from './types.js';

/** An MCP tool call the server waits for the user to approve. */
export interface McpApprovalRequest {
  /** The `mcp_approval_request` item id: answer with it as `approval_request_id`. */
  id: string;
  serverLabel: string;
  name: string;
  /** The JSON arguments string the model produced. */
  arguments: string;
}

const cache = new WeakMap<
  ConversationOrder,
  { items: RealtimeState['items']; requests: readonly McpApprovalRequest[] }
>();
const none: readonly McpApprovalRequest[] = [];

/**
 * Approval requests with no `mcp_approval_response` in the conversation yet, in conversation order. Memoised on
 * the items and the order, so it returns the same array until something changes.
 */
export function selectPendingMcpApprovals(state: RealtimeState): readonly McpApprovalRequest[] {
  const cached = cache.get(state.order);
  if (cached !== undefined && cached.items === state.items) return cached.requests;
  const answered = new Set<string>();
  const requests: McpApprovalRequest[] = [];
  for (const id of orderToArray(state.order)) {
    const item = tableGet(state.items, id);
    if (item?.kind !== 'mcp_approval_response' || !isObject(item.raw)) continue;
    const requestId = own(item.raw, 'approvalRequestId');
    if (typeof requestId === 'string') answered.add(requestId);
  }
  for (const id of orderToArray(state.order)) {
    const item = tableGet(state.items, id);
    if (item?.kind !== 'mcp_approval_request' || answered.has(id)) continue;
    requests.push({ id, serverLabel: item.serverLabel ?? '', name: item.name ?? '', arguments: item.arguments ?? '' });
  }
  const result = requests.length === 0 ? none : requests;
  cache.set(state.order, { items: state.items, requests: result });
  return result;
}
