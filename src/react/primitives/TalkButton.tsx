'use client';
import { forwardRef, type ComponentPropsWithoutRef, type MouseEvent, type ReactNode } from 'react';
import type { ConnectionStatus } from '../../core/state/types.js';
import type { RealtimeSession } from '../../session/types.js';
import { defaultLabels } from '../labels.js';
import { useConnectionStatus } from '../useConnectionStatus.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';

export interface TalkButtonProps extends ComponentPropsWithoutRef<'button'> {
  session?: RealtimeSession;
  labels?: { start?: string; connecting?: string; end?: string };
  /** Replaces the label; receives nothing, so read `useConnectionStatus()` if it depends on the state. */
  children?: ReactNode;
}

/** Whether a click connects (true) or hangs up (false) in this status. */
export function talkButtonConnects(status: ConnectionStatus): boolean {
  return status === 'idle' || status === 'closed' || status === 'failed';
}

/**
 * Starts the conversation when idle, closed or failed; cancels or hangs up while connecting or connected.
 * `data-talkwire="talk-button"`, `data-state` = connection status.
 */
export const TalkButton = forwardRef<HTMLButtonElement, TalkButtonProps>(function TalkButton(
  { session: sessionProp, labels, children, onClick, ...rest },
  ref,
) {
  const session = useEnsureRealtimeSession(sessionProp);
  const status = useConnectionStatus(session);
  const connects = talkButtonConnects(status);
  const label = connects
    ? (labels?.start ?? defaultLabels.start)
    : status === 'connecting'
      ? (labels?.connecting ?? defaultLabels.connecting)
      : (labels?.end ?? defaultLabels.end);

  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (event.defaultPrevented) return;
    // Failures reach the store (lastError) and session.on('error'); the promise needs no handler here.
    if (talkButtonConnects(session.store.getState().status)) session.connect().catch(() => undefined);
    else session.disconnect().catch(() => undefined);
  };

  return (
    <button
      type="button"
      data-talkwire="talk-button"
      data-state={status}
      data-action={connects ? 'connect' : 'disconnect'}
      {...rest}
      ref={ref}
      onClick={handleClick}
    >
      {children ?? label}
    </button>
  );
});
