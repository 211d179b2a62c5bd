'use client';
import { forwardRef, type ComponentPropsWithoutRef, type MouseEvent } from 'react';
import type { RealtimeSession } from '../../session/types.js';
import { defaultLabels } from '../labels.js';
import { useSessionError } from '../useSessionError.js';

export interface RetryButtonProps extends ComponentPropsWithoutRef<'button'> {
  session?: RealtimeSession;
  label?: string;
}

/** Clears the last error and connects again. Renders nothing while there is no error. */
export const RetryButton = forwardRef<HTMLButtonElement, RetryButtonProps>(function RetryButton(
  { session, label, children, onClick, ...rest },
  ref,
) {
  const { error, retry } = useSessionError(session);
  if (error === null) return null;
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) retry();
  };
  return (
    <button type="button" data-talkwire="retry-button" data-code={error.code} {...rest} ref={ref} onClick={handleClick}>
      {children ?? label ?? defaultLabels.retry}
    </button>
  );
});
