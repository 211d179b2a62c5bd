'use client';
import { forwardRef, type ComponentPropsWithoutRef, type MouseEvent } from 'react';
import type { RealtimeSession } from '../../session/types.js';
import { defaultLabels } from '../labels.js';
import { useMicrophone } from '../useMicrophone.js';

export interface MuteButtonProps extends ComponentPropsWithoutRef<'button'> {
  session?: RealtimeSession;
  /** Accessible name; the pressed state says whether it is on. Default "Mute microphone". */
  label?: string;
}

/** Toggles the microphone. `aria-pressed` and `data-state="muted|unmuted"`. */
export const MuteButton = forwardRef<HTMLButtonElement, MuteButtonProps>(function MuteButton(
  { session, label, children, onClick, ...rest },
  ref,
) {
  const mic = useMicrophone(session);
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) mic.toggle();
  };
  return (
    <button {...mic.buttonProps} data-talkwire="mute-button" {...rest} ref={ref} onClick={handleClick}>
      {children ?? label ?? defaultLabels.mute}
    </button>
  );
});
