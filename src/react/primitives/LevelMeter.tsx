'use client';
import { forwardRef, useMemo, type ComponentPropsWithoutRef } from 'react';
import type { RealtimeSession } from '../../session/types.js';
import { composeRefs } from '../composeRefs.js';
import type { AudioLevelKind } from '../../audio/subscribeAudioLevel.js';
import { useAudioLevel, type AudioLevelOptions } from '../useAudioLevel.js';
import { useConnectionStatus } from '../useConnectionStatus.js';

export interface LevelMeterProps extends ComponentPropsWithoutRef<'div'> {
  kind: AudioLevelKind;
  session?: RealtimeSession;
  /** CSS variable written on the element (0..1). Default `--talkwire-level`. */
  variable?: string;
}

/**
 * A decorative level display: sets `--talkwire-level` (0..1) on its element each animation frame by direct DOM
 * writes, never through React. Style it with CSS (`transform: scaleY(var(--talkwire-level))`). Under
 * `prefers-reduced-motion` it updates four times a second. Hidden from assistive technology: the agent status
 * already says who is talking.
 */
export const LevelMeter = forwardRef<HTMLDivElement, LevelMeterProps>(function LevelMeter(
  { kind, session, variable, ...rest },
  ref,
) {
  const status = useConnectionStatus(session);
  const options: AudioLevelOptions = {};
  if (session !== undefined) options.session = session;
  if (variable !== undefined) options.variable = variable;
  const level = useAudioLevel(kind, options);
  const composed = useMemo(() => composeRefs(ref, level.ref), [ref, level.ref]);
  return (
    <div
      aria-hidden="true"
      data-talkwire="level-meter"
      data-kind={kind}
      data-state={status === 'connected' ? 'active' : 'inactive'}
      {...rest}
      ref={composed}
    />
  );
});
