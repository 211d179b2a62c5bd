'use client';
import { useCallback } from 'react';
import { selectPendingMcpApprovals } from '../core/state/selectMcpApprovals.js';
import type { McpApprovalRequest } from '../core/state/selectMcpApprovals.js';
import type { RealtimeSession } from '../session/types.js';
import { useEnsureRealtimeSession } from './useRealtimeSessionContext.js';
import { useSessionState } from './useSessionState.js';

export interface McpApprovalControls {
  /** Requests not answered yet, oldest first. */
  requests: readonly McpApprovalRequest[];
  /** The oldest unanswered request, or null. */
  current: McpApprovalRequest | null;
  approve: (approvalRequestId: string) => void;
  reject: (approvalRequestId: string, reason?: string) => void;
}

/** MCP tool calls waiting for the user's approval; the answer goes back as `mcp_approval_response`. */
export function useMcpApproval(sessionArg?: RealtimeSession): McpApprovalControls {
  const session = useEnsureRealtimeSession(sessionArg);
  const requests = useSessionState(selectPendingMcpApprovals, session);
  const approve = useCallback((id: string) => session.respondToMcpApproval(id, true), [session]);
  const reject = useCallback(
    (id: string, reason?: string) =>
      reason === undefined ? session.respondToMcpApproval(id, false) : session.respondToMcpApproval(id, false, reason),
    [session],
  );
  return { requests, current: requests[0] ?? null, approve, reject };
}
