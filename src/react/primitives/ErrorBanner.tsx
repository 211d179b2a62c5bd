'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import type { ErrorInfo } from '../../core/state/types.js';
import type { RealtimeSession } from '../../session/types.js';
import { defaultLabels } from '../labels.js';
import { useSessionError } from '../useSessionError.js';

export interface ErrorBannerProps extends ComponentPropsWithoutRef<'div'> {
  session?: RealtimeSession;
  /** Text per error code; codes not listed show the error's own message. */
  messages?: Partial<Record<string, string>>;
}

/** Text to show for an error: the friendly message for its code, else its own message. */
export function errorMessage(
  error: ErrorInfo,
  messages: Partial<Record<string, string>> = defaultLabels.errors,
): string {
  return ownText(messages, error.code) ?? ownText(defaultLabels.errors, error.code) ?? String(error.message);
}

/** Own string entries only: a code the server chose, such as `__proto__` or `constructor`, must not reach the prototype. */
function ownText(table: Partial<Record<string, string>>, key: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(table, key)) return undefined;
  const value = table[key];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The last error in a `role="alert"` region. The element stays in the page while empty so that screen readers
 * announce the message when it appears. `data-state="error|none"`, `data-code` = the error code.
 * Put a `<RetryButton/>` next to it.
 */
export const ErrorBanner = forwardRef<HTMLDivElement, ErrorBannerProps>(function ErrorBanner(
  { session, messages, children, ...rest },
  ref,
) {
  const { error } = useSessionError(session);
  return (
    <div
      role="alert"
      data-talkwire="error-banner"
      data-state={error === null ? 'none' : 'error'}
      data-code={error?.code}
      {...rest}
      ref={ref}
    >
      {error === null ? null : (children ?? errorMessage(error, messages))}
    </div>
  );
});
