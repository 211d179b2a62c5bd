'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import type { AgentState, ConnectionStatus } from '../../core/state/types.js';
import type { RealtimeSession } from '../../session/types.js';
import { defaultLabels } from '../labels.js';
import { useAgentState } from '../useAgentState.js';
import { useConnectionStatus } from '../useConnectionStatus.js';

export interface AgentStatusProps extends ComponentPropsWithoutRef<'div'> {
  session?: RealtimeSession;
  labels?: { status?: Partial<Record<ConnectionStatus, string>>; agent?: Partial<Record<AgentState, string>> };
}

/**
 * Says what is happening ("Connecting…", "Listening", "Speaking"…) in a `role="status"` region, so changes are
 * announced politely. `data-state` is the agent state while connected, otherwise the connection status.
 */
export const AgentStatus = forwardRef<HTMLDivElement, AgentStatusProps>(function AgentStatus(
  { session, labels, children, ...rest },
  ref,
) {
  const status = useConnectionStatus(session);
  const agentState = useAgentState(session);
  const connected = status === 'connected';
  const text = connected
    ? (labels?.agent?.[agentState] ?? defaultLabels.agent[agentState])
    : (labels?.status?.[status] ?? defaultLabels.status[status]);
  return (
    <div
      role="status"
      data-talkwire="agent-status"
      data-state={connected ? agentState : status}
      data-status={status}
      {...rest}
      ref={ref}
    >
      {children ?? text}
    </div>
  );
});
