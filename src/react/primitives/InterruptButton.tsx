'use client';
import { forwardRef, type ComponentPropsWithoutRef, type MouseEvent } from 'react';
import type { RealtimeSession } from '../../session/types.js';
import { defaultLabels } from '../labels.js';
import { useAgentState } from '../useAgentState.js';
import { useConnectionStatus } from '../useConnectionStatus.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';

export interface InterruptButtonProps extends ComponentPropsWithoutRef<'button'> {
  session?: RealtimeSession;
  label?: string;
}

/** Stops the agent mid-answer. Enabled while it thinks or speaks; `data-state="enabled|disabled"`. */
export const InterruptButton = forwardRef<HTMLButtonElement, InterruptButtonProps>(function InterruptButton(
  { session: sessionProp, label, children, onClick, disabled, ...rest },
  ref,
) {
  const session = useEnsureRealtimeSession(sessionProp);
  const status = useConnectionStatus(session);
  const agentState = useAgentState(session);
  const active = status === 'connected' && (agentState === 'speaking' || agentState === 'thinking');
  const isDisabled = disabled === true || !active;
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) session.interrupt();
  };
  return (
    <button
      type="button"
      data-talkwire="interrupt-button"
      data-state={isDisabled ? 'disabled' : 'enabled'}
      disabled={isDisabled}
      {...rest}
      ref={ref}
      onClick={handleClick}
    >
      {children ?? label ?? defaultLabels.interrupt}
    </button>
  );
});
