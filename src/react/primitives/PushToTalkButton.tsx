'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { useConnectionStatus } from '../useConnectionStatus.js';
import { usePushToTalk, type PushToTalkOptions } from '../usePushToTalk.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';
import type { RealtimeSession } from '../../session/types.js';

export interface PushToTalkButtonProps extends Omit<
  ComponentPropsWithoutRef<'button'>,
  'onPointerDown' | 'onPointerUp' | 'onPointerCancel' | 'onKeyDown' | 'onKeyUp'
> {
  session?: RealtimeSession;
  /** Keyboard shortcut (`KeyboardEvent.code`), default `'Space'`; `null` for none. */
  shortcut?: string | null;
  mode?: PushToTalkOptions['mode'];
  /** Accessible name. Default "Hold to talk" (or "Talk" in toggle mode). */
  label?: string;
}

/** Hold (or toggle) to talk. `aria-pressed` and `data-state="talking|idle"`; disabled until connected. */
export const PushToTalkButton = forwardRef<HTMLButtonElement, PushToTalkButtonProps>(function PushToTalkButton(
  { session: sessionProp, shortcut, mode = 'hold', label, children, disabled, ...rest },
  ref,
) {
  const session = useEnsureRealtimeSession(sessionProp);
  const status = useConnectionStatus(session);
  const ptt = usePushToTalk({ session, key: shortcut === undefined ? 'Space' : shortcut, mode });
  const isDisabled = disabled === true || status !== 'connected';
  return (
    <button {...ptt.buttonProps} data-talkwire="push-to-talk-button" disabled={isDisabled} {...rest} ref={ref}>
      {children ?? label ?? (mode === 'toggle' ? 'Talk' : 'Hold to talk')}
    </button>
  );
});
