'use client';
import { forwardRef, type ComponentPropsWithoutRef, type KeyboardEvent } from 'react';
import type { RealtimeSession } from '../../session/types.js';
import { useConnectionStatus } from '../useConnectionStatus.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';

export interface TextInputProps extends Omit<ComponentPropsWithoutRef<'input'>, 'type' | 'value' | 'defaultValue'> {
  session?: RealtimeSession;
  /** Accessible name (and placeholder unless one is given). Default "Type a message". */
  label?: string;
  /** Called with the text instead of `session.sendText` (e.g. to add metadata); return nothing. */
  onSend?: (text: string) => void;
}

/**
 * A text field that sends on Enter: a user `input_text` message and a response request (queued while the agent
 * answers). Disabled until connected; `data-state="enabled|disabled"`.
 */
export const TextInput = forwardRef<HTMLInputElement, TextInputProps>(function TextInput(
  { session: sessionProp, label = 'Type a message', onSend, onKeyDown, disabled, placeholder, ...rest },
  ref,
) {
  const session = useEnsureRealtimeSession(sessionProp);
  const status = useConnectionStatus(session);
  const isDisabled = disabled === true || status !== 'connected';
  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    onKeyDown?.(event);
    if (event.defaultPrevented || event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    const input = event.currentTarget;
    const text = input.value.trim();
    if (text === '') return;
    event.preventDefault();
    if (onSend) onSend(text);
    else session.sendText(text);
    input.value = '';
  };
  return (
    <input
      type="text"
      enterKeyHint="send"
      autoComplete="off"
      aria-label={label}
      placeholder={placeholder ?? label}
      data-talkwire="text-input"
      data-state={isDisabled ? 'disabled' : 'enabled'}
      disabled={isDisabled}
      {...rest}
      ref={ref}
      onKeyDown={handleKeyDown}
    />
  );
});
