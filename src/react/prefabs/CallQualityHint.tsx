'use client';
import type { CSSProperties } from 'react';
import type { RealtimeSession } from '../../session/types.js';
import { useCallQuality } from '../useCallQuality.js';

export interface CallQualityHintProps {
  session?: RealtimeSession | undefined;
  /** The text; default "Weak connection: the agent may sound choppy or answer late." */
  label?: string | undefined;
}

const HINT: CSSProperties = { margin: 0, fontSize: '0.875em', color: 'var(--tw-muted, inherit)', textAlign: 'center' };

/**
 * One calm line while the connection is poor, saying what the user will notice (not what broke); the verdict's
 * reason is in its title for whoever wants it. Renders nothing otherwise. A `role="status"` region, so a screen
 * reader hears it once, politely.
 */
export function CallQualityHint({ session, label }: CallQualityHintProps) {
  const { verdict } = useCallQuality(session);
  if (verdict.level !== 'poor') return null;
  return (
    <p role="status" data-talkwire="call-hint" title={verdict.reason ?? undefined} style={HINT}>
      {label ?? 'Weak connection: the agent may sound choppy or answer late.'}
    </p>
  );
}
