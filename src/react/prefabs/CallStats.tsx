'use client';
import type { CSSProperties, ReactNode } from 'react';
import type { Percentiles } from '../../core/metrics/turnTimings.js';
import type { RealtimeSession } from '../../session/types.js';
import { useCallQuality } from '../useCallQuality.js';
import { useTurnMetrics } from '../useTurnMetrics.js';
import { CallQualityHint } from './CallQualityHint.js';

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
const kb = (value: number | null) => (value === null ? '–' : `${(value / 1000).toFixed(1)} kB`);
const spread = (p: Percentiles) => (p.count === 0 ? '–' : `${ms(p.p50)} / ${ms(p.p95)}`);

// Layout only, inline so the overlay needs nothing from styles.css (which every page loads up front); colours
// and type come from the surroundings, and a className replaces none of it.
const ROOT: CSSProperties = { fontSize: '0.875em' };
const LIST: CSSProperties = { display: 'grid', gridTemplateColumns: 'auto auto', gap: '2px 12px', margin: '6px 0 0' };
const VALUE: CSSProperties = { margin: 0, fontVariantNumeric: 'tabular-nums' };

function Row({ term, figure, children }: { term: string; figure?: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd style={VALUE} data-figure={figure}>
        {children}
      </dd>
    </>
  );
}

/**
 * A compact, collapsible overlay of the call's figures: the last turn's voice-to-voice latency in the summary
 * line, p50/p95 over the call and the connection's figures inside; a poor connection adds a short hint below it,
 * visible while collapsed. `data-state` is the verdict (`good` / `fair` / `poor`) for styling.
 */
export function CallStats({ session, defaultOpen = false, className }: CallStatsProps) {
  const { turns, summary } = useTurnMetrics(session);
  const { sample, verdict } = useCallQuality(session);
  const last = turns[turns.length - 1];
  const socket = sample?.transport === 'websocket';
  return (
    <>
      <details
        className={className ?? 'talkwire-call-stats'}
        style={ROOT}
        data-state={verdict.level}
        open={defaultOpen}
      >
        <summary>
          Call {verdict.level}
          {verdict.reason === null ? '' : ` (${verdict.reason})`}
          {last?.voiceToVoiceMs != null ? `, last answer after ${ms(last.voiceToVoiceMs)}` : ''}
        </summary>
        <dl style={LIST}>
          <Row term="Voice to voice (p50 / p95)" figure="voice-to-voice">
            {spread(summary.voiceToVoice)}
          </Row>
          <Row term="First text (p50 / p95)">{spread(summary.timeToFirstText)}</Row>
          <Row term="Interruption (p50 / p95)">{spread(summary.interruption)}</Row>
          <Row term="Round trip" figure="round-trip">
            {ms(sample?.rttMs)}
          </Row>
          {socket ? (
            <Row term="Waiting to send" figure="buffered">
              {kb(sample.bufferedBytes)}
            </Row>
          ) : (
            <>
              <Row term="Jitter">{ms(sample?.jitterMs)}</Row>
              <Row term="Packet loss">{pct(sample?.lossRatio ?? null)}</Row>
              <Row term="Bitrate out / in">
                {kbps(sample?.sendBitrate ?? null)} / {kbps(sample?.receiveBitrate ?? null)}
              </Row>
              <Row term="Concealed audio">{pct(sample?.concealedRatio ?? null)}</Row>
            </>
          )}
          <Row term="Route">{sample?.candidateType ?? sample?.transport ?? '–'}</Row>
        </dl>
      </details>
      <CallQualityHint session={session} />
    </>
  );
}
