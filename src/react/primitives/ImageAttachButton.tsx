'use client';
import { forwardRef, useState, type ComponentPropsWithoutRef } from 'react';
import { isRealtimeError } from '../../core/errors.js';
import type { SendMessageOptions } from '../../session/images/types.js';
import type { RealtimeSession } from '../../session/types.js';
import { useConnectionStatus } from '../useConnectionStatus.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';

export interface ImageAttachButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'type' | 'onClick'> {
  session?: RealtimeSession;
  /** Accessible name. Default "Attach an image". */
  label?: string;
  /** Limits for the re-encoded image (`maxDimension`, `maxBytes`). */
  sendOptions?: SendMessageOptions;
}

/**
 * A button that picks an image file and sends it (`session.sendMessage`), the file's name as its alt text.
 * Disabled until connected and while an image is on its way (`data-state="enabled|sending|disabled"`); a
 * refusal (`image_too_large`, `invalid_image`) goes to `state.lastError`, where `<ErrorBanner/>` shows it.
 */
export const ImageAttachButton = forwardRef<HTMLButtonElement, ImageAttachButtonProps>(function ImageAttachButton(
  { session: sessionProp, label = 'Attach an image', sendOptions, disabled, children, ...rest },
  ref,
) {
  const session = useEnsureRealtimeSession(sessionProp);
  const status = useConnectionStatus(session);
  const [sending, setSending] = useState(false);
  const isDisabled = disabled === true || status !== 'connected' || sending;
  const send = (file: File) => {
    setSending(true);
    session
      .sendMessage([{ type: 'input_image', image: file, alt: file.name }], sendOptions)
      .catch((error: unknown) => {
        if (!isRealtimeError(error) || error.code === 'aborted') return;
        session.store.apply({ type: 'error', error: { source: 'client', code: error.code, message: error.message } });
      })
      .finally(() => setSending(false));
  };
  // The file input is made per click, never rendered: the primitive stays one element, and picking the same
  // file twice in a row still fires `change`.
  const pick = () => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/png,image/jpeg,image/webp,image/gif';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) send(file);
    });
    input.click();
  };
  return (
    <button
      type="button"
      aria-label={label}
      data-talkwire="image-attach"
      data-state={sending ? 'sending' : isDisabled ? 'disabled' : 'enabled'}
      disabled={isDisabled}
      {...rest}
      ref={ref}
      onClick={pick}
    >
      {children ?? label}
    </button>
  );
});
