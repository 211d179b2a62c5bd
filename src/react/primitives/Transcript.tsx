'use client';
import { forwardRef, memo, useEffect, useMemo, useRef, useState, type ComponentPropsWithoutRef } from 'react';
import type { TranscriptEntry } from '../../core/state/types.js';
import type { RealtimeSession } from '../../session/types.js';
import { composeRefs } from '../composeRefs.js';
import { defaultLabels } from '../labels.js';
import { useTranscriptIds } from '../useTranscriptIds.js';
import { useTranscriptEntry } from '../useTranscriptEntry.js';

export interface TranscriptLabels {
  /** Accessible name of the log. */
  transcript?: string;
  you?: string;
  assistant?: string;
  system?: string;
  tool?: string;
  /** Placeholder text of a user row whose speech is still being transcribed. */
  transcribing?: string;
  /** Text of a finished row that has none (speech without a transcript). */
  untranscribed?: string;
  /** Shown while the conversation is empty. */
  emptyTranscript?: string;
  /** The button that appears when the reader scrolled up and new text arrived. */
  jumpToLatest?: string;
  /** Announced after the heard part of an interrupted reply. */
  interrupted?: string;
  /** Alt text of an image sent without one. */
  image?: string;
}

export interface TranscriptProps extends ComponentPropsWithoutRef<'div'> {
  session?: RealtimeSession;
  labels?: TranscriptLabels;
  /**
   * Which entries to show. Default: everything but system messages, raw tool outputs and the silent turn of an idle
   * timeout (`entry.idle`; the server's system note before it is a system message).
   */
  filter?: (entry: TranscriptEntry) => boolean;
  /** Show when each entry appeared: `true` for the local time (hours and minutes), or your own format. */
  timestamps?: boolean | ((date: Date) => string) | undefined;
}

export function defaultTranscriptFilter(entry: TranscriptEntry): boolean {
  return (
    entry.role !== 'system' &&
    entry.kind !== 'function_call_output' &&
    entry.kind !== 'mcp_approval_response' &&
    !entry.idle
  );
}

/**
 * The conversation as a `role="log"` live region. Screen readers hear each turn once, when it is final: while an
 * entry streams, its text is `aria-hidden` (and the row `aria-busy`); when it completes, the text is inserted as a
 * new node, which the log announces. Rows are `data-talkwire="transcript-entry"` with `data-role`, `data-kind`,
 * `data-status`; each row subscribes to its own item, so a streaming delta re-renders only that row. The speaker
 * is a `data-talkwire="transcript-speaker"` span the stylesheet hides visually (side and colour show it). It
 * keeps scrolled to the bottom unless the reader scrolled up; then new text shows a "Jump to latest" button.
 */
export const Transcript = forwardRef<HTMLDivElement, TranscriptProps>(function Transcript(
  { session, labels, filter = defaultTranscriptFilter, timestamps, ...rest },
  ref,
) {
  const ids = useTranscriptIds(session);
  const local = useRef<HTMLDivElement | null>(null);
  const jump = useRef<HTMLButtonElement | null>(null);
  const composed = useMemo(() => composeRefs(ref, local), [ref]);
  useStickToBottom(local, jump);
  const rowLabels: Required<TranscriptLabels> = useMemo(() => ({ ...defaultLabels, ...labels }), [labels]);
  return (
    <div
      role="log"
      aria-live="polite"
      aria-label={rowLabels.transcript}
      tabIndex={0}
      data-talkwire="transcript"
      data-state={ids.length === 0 ? 'empty' : 'active'}
      {...rest}
      ref={composed}
    >
      {ids.length === 0 ? (
        <p data-talkwire="transcript-empty">{rowLabels.emptyTranscript}</p>
      ) : (
        <>
          {ids.map((id) => (
            <TranscriptRow
              key={id}
              id={id}
              session={session}
              labels={rowLabels}
              filter={filter}
              timestamps={timestamps}
            />
          ))}
          <button type="button" data-talkwire="transcript-jump" hidden ref={jump}>
            {rowLabels.jumpToLatest}
          </button>
        </>
      )}
    </div>
  );
});

interface TranscriptRowProps {
  id: string;
  session: RealtimeSession | undefined;
  labels: Required<TranscriptLabels>;
  filter: (entry: TranscriptEntry) => boolean;
  timestamps?: boolean | ((date: Date) => string) | undefined;
}

const clock = (date: Date) => date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/** Re-renders only when its own item changes (memo + a per-item subscription). */
export const TranscriptRow = memo(function TranscriptRow({
  id,
  session,
  labels,
  filter,
  timestamps,
}: TranscriptRowProps) {
  const entry = useTranscriptEntry(id, session);
  // When the row first appeared here: items carry no time of their own.
  const [seen] = useState(() => new Date());
  if (entry === undefined || !filter(entry)) return null;
  const isTool = entry.kind !== 'message';
  const speaker = isTool
    ? labels.tool
    : entry.role === 'user'
      ? labels.you
      : entry.role === 'assistant'
        ? labels.assistant
        : labels.system;
  const images = entry.images;
  const text = entry.text !== '' || images ? entry.text : entry.final ? labels.untranscribed : labels.transcribing;
  // Thumbnails of the images a user message carried; only our own data: URLs are shown as pictures.
  const thumbnails = images?.map((image, i) => (
    <img
      key={i}
      data-talkwire="transcript-image"
      src={image.url?.startsWith('data:image/') ? image.url : undefined}
      alt={image.alt ?? labels.image}
    />
  ));
  const cut = entry.heard !== undefined && entry.heard.length < entry.text.length;
  return (
    <div
      data-talkwire="transcript-entry"
      data-role={entry.role}
      data-kind={entry.kind}
      data-status={entry.status}
      data-final={entry.final ? 'true' : 'false'}
      data-heard={cut ? 'partial' : undefined}
      aria-busy={entry.final ? undefined : true}
    >
      {/* A new key when the row completes inserts the text as a new node, which the log announces once. */}
      <p
        key={!entry.final ? 'live' : cut ? 'cut' : 'final'}
        data-talkwire="transcript-text"
        aria-hidden={entry.final ? undefined : 'true'}
      >
        <span data-talkwire="transcript-speaker">{speaker}: </span>
        {entry.final && cut ? (
          // Words generated but never played are shown apart and not read out, so nobody takes them as said.
          <>
            {entry.heard}
            <span data-talkwire="transcript-unheard" aria-hidden="true">
              {entry.text.slice(entry.heard!.length)}
            </span>
            <span data-talkwire="transcript-interrupted"> {labels.interrupted}</span>
          </>
        ) : (
          <>
            {text}
            {thumbnails}
          </>
        )}
      </p>
      {timestamps === undefined || timestamps === false ? null : (
        <time data-talkwire="transcript-time" dateTime={seen.toISOString()}>
          {(timestamps === true ? clock : timestamps)(seen)}
        </time>
      )}
    </div>
  );
});

/**
 * Keeps the log scrolled to the newest text unless the reader scrolled away, and then offers the jump button (when
 * there is one) as more text arrives. DOM-only: scrolling and streaming never re-render. Shared with the captions.
 */
export function useStickToBottom(
  ref: { current: HTMLElement | null },
  jump: { current: HTMLButtonElement | null } = NO_BUTTON,
): void {
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof MutationObserver === 'undefined') return;
    let pinned = true;
    const toBottom = () => {
      pinned = true;
      if (jump.current !== null) jump.current.hidden = true;
      element.scrollTop = element.scrollHeight;
    };
    const onScroll = () => {
      pinned = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
      if (pinned && jump.current !== null) jump.current.hidden = true;
    };
    const onClick = (event: MouseEvent) => {
      if (jump.current !== null && event.target === jump.current) toBottom();
    };
    const observer = new MutationObserver(() => {
      if (pinned) element.scrollTop = element.scrollHeight;
      else if (jump.current !== null) jump.current.hidden = false;
    });
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    element.addEventListener('scroll', onScroll, { passive: true });
    // Mounted on a conversation already under way: start at its latest turn.
    element.scrollTop = element.scrollHeight;
    element.addEventListener('click', onClick);
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', onScroll);
      element.removeEventListener('click', onClick);
    };
  }, [ref, jump]);
}

const NO_BUTTON: { current: HTMLButtonElement | null } = { current: null };
