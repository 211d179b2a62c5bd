'use client';
import { forwardRef, type ComponentPropsWithoutRef, type MouseEvent } from 'react';
import type { RealtimeState } from '../../core/state/types.js';
import type { RealtimeSession } from '../../session/types.js';
import { defaultLabels } from '../labels.js';
import { useEnsureRealtimeSession } from '../useRealtimeSessionContext.js';
import { useSessionState } from '../useSessionState.js';

export interface ResumeAudioButtonProps extends ComponentPropsWithoutRef<'button'> {
  session?: RealtimeSession;
  label?: string;
}

const selectPlaybackBlocked = (state: RealtimeState): boolean => state.output.playbackBlocked;

/** Appears when the browser blocked the agent's audio; a click (a user gesture) starts playback. */
export const ResumeAudioButton = forwardRef<HTMLButtonElement, ResumeAudioButtonProps>(function ResumeAudioButton(
  { session: sessionProp, label, children, onClick, ...rest },
  ref,
) {
  const session = useEnsureRealtimeSession(sessionProp);
  const blocked = useSessionState(selectPlaybackBlocked, session);
  if (!blocked) return null;
  const handleClick = (event: MouseEvent<HTMLButtonElement>) => {
    onClick?.(event);
    if (!event.defaultPrevented) session.resumeAudio().catch(() => undefined);
  };
  return (
    <button type="button" data-talkwire="resume-audio-button" {...rest} ref={ref} onClick={handleClick}>
      {children ?? label ?? defaultLabels.resumeAudio}
    </button>
  );
});
