'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import type { ToolCallStatus } from '../../session/tools/types.js';
import type { RealtimeSession } from '../../session/types.js';
import { useToolCalls } from '../useToolCalls.js';

export interface ToolCallListProps extends ComponentPropsWithoutRef<'ul'> {
  session?: RealtimeSession;
  /** Words per status. */
  statusLabels?: Partial<Record<ToolCallStatus, string>>;
}

const defaultStatusLabels: Record<ToolCallStatus, string> = {
  pending_approval: 'waiting for approval',
  running: 'running',
  completed: 'done',
  failed: 'failed',
  timed_out: 'timed out',
  declined: 'declined',
  cancelled: 'cancelled',
};

/**
 * The conversation's function calls with their status, plus Allow/Deny for calls waiting for approval. Rows are
 * `data-talkwire="tool-call"` with `data-status`. Renders nothing before the first call.
 */
export const ToolCallList = forwardRef<HTMLUListElement, ToolCallListProps>(function ToolCallList(
  { session, statusLabels, ...rest },
  ref,
) {
  const { calls, approve, reject } = useToolCalls(session);
  if (calls.length === 0) return null;
  const words = { ...defaultStatusLabels, ...statusLabels };
  return (
    <ul data-talkwire="tool-calls" aria-label="Tool calls" {...rest} ref={ref}>
      {calls.map((call) => (
        <li key={call.callId} data-talkwire="tool-call" data-status={call.status} data-name={call.name}>
          <code>
            {call.name}({call.arguments})
          </code>{' '}
          <span data-talkwire="tool-call-status">{words[call.status]}</span>
          {call.error !== undefined ? <span data-talkwire="tool-call-error">: {call.error}</span> : null}
          {call.status === 'pending_approval' ? (
            <>
              {' '}
              <button type="button" onClick={() => approve(call.callId)}>
                Allow
              </button>{' '}
              <button type="button" onClick={() => reject(call.callId)}>
                Deny
              </button>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
});
