'use client';
import type { Percentiles } from '../../core/metrics/turnTimings.js';
import type { RealtimeSession } from '../../session/types.js';
import { useCallQuality } from '../useCallQuality.js';
import { useTurnMetrics } from '../useTurnMetrics.js';

export interface CallStatsProps {
  session?: RealtimeSession;
  /** Open at first. Default false: a one-line summary that expands. */
  defaultOpen?: boolean;
  className?: string;
}

const ms = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${Math.round(value)} ms`;
const pct = (value: number | null) => (value === null ? '–' : `${(value * 100).toFixed(1)}%`);
const kbps = (value: number | null) => (value === null ? '–' : `${Math.round(value / 1000)} kb/s`);
const spread = (p: Percentiles) => (p.count === 0 ? '–' : `${ms(p.p50)} / ${ms(p.p95)}`);

/**
 * A compact, collapsible overlay of the call's figures: the last turn's voice-to-voice latency in the summary
 * line, p50/p95 over the call and the connection's figures inside; a poor connection adds a short hint.
 * `data-state` is the verdict (`good` / `fair` / `poor`) for styling.
 */
export function CallStats({ session, defaultOpen = false, className }: CallStatsProps) {
  const { turns, summary } = useTurnMetrics(session);
  const { sample, verdict } = useCallQuality(session);
  const last = turns[turns.length - 1];
  return (
    <details className={className ?? 'talkwire-call-stats'} data-state={verdict.level} open={defaultOpen}>
      <summary>
        Call {verdict.level}
        {last?.voiceToVoiceMs != null ? `, last answer after ${ms(last.voiceToVoiceMs)}` : ''}
      </summary>
      {verdict.level === 'poor' ? (
        <p role="status">
          The connection is weak right now ({verdict.reason}); the agent may sound choppy or answer late.
        </p>
      ) : null}
      <dl>
        <dt>Voice to voice (p50 / p95)</dt>
        <dd data-figure="voice-to-voice">{spread(summary.voiceToVoice)}</dd>
        <dt>First text (p50 / p95)</dt>
        <dd>{spread(summary.timeToFirstText)}</dd>
        <dt>Interruption (p50 / p95)</dt>
        <dd>{spread(summary.interruption)}</dd>
        <dt>Round trip</dt>
        <dd>{ms(sample?.rttMs)}</dd>
        <dt>Jitter</dt>
        <dd>{ms(sample?.jitterMs)}</dd>
        <dt>Packet loss</dt>
        <dd>{pct(sample?.lossRatio ?? null)}</dd>
        <dt>Bitrate out / in</dt>
        <dd>
          {kbps(sample?.sendBitrate ?? null)} / {kbps(sample?.receiveBitrate ?? null)}
        </dd>
        <dt>Concealed audio</dt>
        <dd>{pct(sample?.concealedRatio ?? null)}</dd>
        <dt>Route</dt>
        <dd>{sample?.candidateType ?? sample?.transport ?? '–'}</dd>
      </dl>
    </details>
  );
}
