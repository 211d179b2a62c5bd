'use client';
import { forwardRef, useMemo, useRef, type ComponentPropsWithoutRef } from 'react';
import { selectCaptions } from '../../core/captions/reduceCaptions.js';
import type { CaptionEntry } from '../../core/captions/types.js';
import type { TranscriptionSession } from '../../session/createTranscriptionSession.js';
import { composeRefs } from '../composeRefs.js';
import { useCaptions } from '../useTranscription.js';
import { useStickToBottom } from './Transcript.js';

export interface LiveCaptionsLabels {
  /** Accessible name of the captions region. */
  captions?: string;
  /** Shown before anything was said. */
  empty?: string;
  /** Text of an entry whose transcription failed (the reason follows). */
  failed?: string;
}

export interface LiveCaptionsProps extends ComponentPropsWithoutRef<'section'> {
  session: TranscriptionSession;
  labels?: LiveCaptionsLabels;
}

const defaults: Required<LiveCaptionsLabels> = {
  captions: 'Live captions',
  empty: 'Captions appear here as you speak.',
  failed: 'Not transcribed',
};

/**
 * Live captions as one `<section data-state="empty|listening|active">`. Interim text (`data-status="interim"`)
 * is visible but hidden from screen readers; each final entry is announced once, through a polite live region
 * that only ever receives final text. Diarized entries show one line per speaker. It follows the newest text
 * unless the reader scrolled up.
 */
export const LiveCaptions = forwardRef<HTMLElement, LiveCaptionsProps>(function LiveCaptions(
  { session, labels, ...rest },
  ref,
) {
  const state = useCaptions(session);
  const entries = useMemo(() => selectCaptions(state), [state]);
  const text = { ...defaults, ...labels };
  const local = useRef<HTMLElement | null>(null);
  const composed = useMemo(() => composeRefs(ref, local), [ref]);
  useStickToBottom(local);
  const finals = entries.filter((e) => e.status === 'failed' || (e.status === 'final' && e.text !== ''));
  return (
    <section
      aria-label={text.captions}
      tabIndex={0}
      data-talkwire="captions"
      data-state={
        entries.length === 0 ? (state.speaking ? 'listening' : 'empty') : state.speaking ? 'listening' : 'active'
      }
      {...rest}
      ref={composed}
    >
      {entries.length === 0 ? <p data-talkwire="captions-empty">{text.empty}</p> : null}
      {entries.map((entry) => (
        <CaptionRow key={entry.id} entry={entry} failedLabel={text.failed} />
      ))}
      <div role="log" aria-live="polite" data-talkwire="captions-announcer">
        {/* Only the newest finals stay: each is added once and announced once; older ones leave silently. */}
        {finals.slice(-20).map((entry) => (
          <p key={entry.id}>
            {entry.status === 'failed' ? `${text.failed}: ${entry.error ?? ''}` : speakerText(entry)}
          </p>
        ))}
      </div>
    </section>
  );
});

function speakerText(entry: CaptionEntry): string {
  return entry.segments.some((s) => s.speaker)
    ? entry.segments.map((s) => `${s.speaker ?? ''}: ${s.text}`).join(' ')
    : entry.text;
}

function CaptionRow({ entry, failedLabel }: { entry: CaptionEntry; failedLabel: string }) {
  const diarized = entry.segments.some((s) => s.speaker);
  return (
    <div data-talkwire="caption" data-status={entry.status} aria-hidden="true">
      {entry.status === 'failed' ? (
        <p data-talkwire="caption-text">
          {failedLabel}
          {entry.error ? `: ${entry.error}` : ''}
        </p>
      ) : diarized ? (
        entry.segments.map((s) => (
          <p key={s.id} data-talkwire="caption-text">
            <span data-talkwire="caption-speaker">{s.speaker}: </span>
            {s.text}
          </p>
        ))
      ) : (
        <p data-talkwire="caption-text">{entry.text || '…'}</p>
      )}
    </div>
  );
}
