'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import type { RealtimeSession } from '../../session/types.js';
import { useMcpApproval } from '../useMcpApproval.js';

export interface McpApprovalPromptLabels {
  /** `{server}`, `{tool}` and `{arguments}` are filled in. */
  question: string;
  approve: string;
  reject: string;
}

export interface McpApprovalPromptProps extends ComponentPropsWithoutRef<'div'> {
  session?: RealtimeSession;
  labels?: Partial<McpApprovalPromptLabels>;
  /** Sent with a rejection so the model can tell the user why nothing happened. */
  rejectReason?: string;
}

const defaultPromptLabels: McpApprovalPromptLabels = {
  question: 'Allow {server} to run {tool}?',
  approve: 'Allow',
  reject: 'Deny',
};

/**
 * Asks the user to approve the oldest pending MCP tool call; renders nothing while none waits. A `role="group"`
 * with the question, the arguments and two buttons; `data-talkwire="mcp-approval"`.
 */
export const McpApprovalPrompt = forwardRef<HTMLDivElement, McpApprovalPromptProps>(function McpApprovalPrompt(
  { session, labels, rejectReason, ...rest },
  ref,
) {
  const { current, approve, reject } = useMcpApproval(session);
  if (current === null) return null;
  const text = { ...defaultPromptLabels, ...labels };
  const question = text.question
    .replaceAll('{server}', current.serverLabel)
    .replaceAll('{tool}', current.name)
    .replaceAll('{arguments}', current.arguments);
  const questionId = `talkwire-mcp-${current.id}`;
  return (
    <div
      role="group"
      aria-labelledby={questionId}
      data-talkwire="mcp-approval"
      data-request-id={current.id}
      {...rest}
      ref={ref}
    >
      <p id={questionId} data-talkwire="mcp-approval-question">
        {question}
      </p>
      {current.arguments !== '' && current.arguments !== '{}' ? (
        <code data-talkwire="mcp-approval-arguments">{current.arguments}</code>
      ) : null}
      <button type="button" data-talkwire="mcp-approve" onClick={() => approve(current.id)}>
        {text.approve}
      </button>
      <button
        type="button"
        data-talkwire="mcp-reject"
        onClick={() => (rejectReason === undefined ? reject(current.id) : reject(current.id, rejectReason))}
      >
        {text.reject}
      </button>
    </div>
  );
});
