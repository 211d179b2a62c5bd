'use client';
import { forwardRef, type ComponentPropsWithoutRef, type MouseEvent } from 'react';
import type { RealtimeSession } from '../../session/types.js';
import { defaultLabels } from '../labels.js';
import { selectMuted } from '../micState.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';
import { useSessionState } from '../useSessionState.js';

export interface MuteButtonProps extends ComponentPropsWithoutRef<'button'> {
  session?: RealtimeSession;
  /** Accessible name; the pressed state says whether it is on. Default "Mute microphone". */
  label?: string;
}

/** Toggles the microphone. `aria-pressed` and `data-state="muted|unmuted"`. */
export const MuteButton = forwardRef<HTMLButtonElement, MuteButtonProps>(function MuteButton(
  { session: sessionProp, label, children, onClick, ...rest },
  ref,
) {
  // The mute state alone, not useMicrophone: a mute button has no use for the device list it keeps.
  const session = useEnsureRealtimeSession(sessionProp);
  const muted = useSessionState(selectMuted, session);
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) session.setMuted(!session.store.getState().mic.muted);
  };
  return (
    <button
      type="button"
      aria-pressed={muted}
      data-state={muted ? 'muted' : 'unmuted'}
      data-talkwire="mute-button"
      {...rest}
      ref={ref}
      onClick={handleClick}
    >
      {children ?? label ?? defaultLabels.mute}
    </button>
  );
});
