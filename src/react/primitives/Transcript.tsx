'use client';
import { forwardRef, memo, useEffect, useMemo, useRef, type ComponentPropsWithoutRef } from 'react';
import type { TranscriptEntry } from '../../core/state/types.js';
import type { RealtimeSession } from '../../session/types.js';
import { composeRefs } from '../composeRefs.js';
import { defaultLabels } from '../labels.js';
import { useTranscript } from '../useTranscript.js';
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
  /** Announced after the heard part of an interrupted reply. */
  interrupted?: string;
}

export interface TranscriptProps extends ComponentPropsWithoutRef<'div'> {
  session?: RealtimeSession;
  labels?: TranscriptLabels;
  /** Which entries to show. Default: everything but system messages and raw tool outputs. */
  filter?: (entry: TranscriptEntry) => boolean;
}

export function defaultTranscriptFilter(entry: TranscriptEntry): boolean {
  return entry.role !== 'system' && entry.kind !== 'function_call_output' && entry.kind !== 'mcp_approval_response';
}

/**
 * The conversation as a `role="log"` live region. Screen readers hear each turn once, when it is final: while an
 * entry streams, its text is `aria-hidden` (and the row `aria-busy`); when it completes, the text is inserted as a
 * new node, which the log announces. Rows are `data-talkwire="transcript-entry"` with `data-role`, `data-kind`,
 * `data-status`; each row subscribes to its own item, so a streaming delta re-renders only that row. It keeps
 * scrolled to the bottom unless the user scrolled up.
 */
export const Transcript = forwardRef<HTMLDivElement, TranscriptProps>(function Transcript(
  { session, labels, filter = defaultTranscriptFilter, ...rest },
  ref,
) {
  const ids = useTranscript(session);
  const local = useRef<HTMLDivElement | null>(null);
  const composed = useMemo(() => composeRefs(ref, local), [ref]);
  useStickToBottom(local);
  const rowLabels = useMemo(() => ({ ...defaultTranscriptLabels, ...labels }), [labels]);
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
        ids.map((id) => <TranscriptRow key={id} id={id} session={session} labels={rowLabels} filter={filter} />)
      )}
    </div>
  );
});

const defaultTranscriptLabels: Required<TranscriptLabels> = {
  transcript: defaultLabels.transcript,
  you: defaultLabels.you,
  assistant: defaultLabels.assistant,
  system: defaultLabels.system,
  tool: defaultLabels.tool,
  transcribing: defaultLabels.transcribing,
  untranscribed: defaultLabels.untranscribed,
  emptyTranscript: defaultLabels.emptyTranscript,
  interrupted: defaultLabels.interrupted,
};

interface TranscriptRowProps {
  id: string;
  session: RealtimeSession | undefined;
  labels: Required<TranscriptLabels>;
  filter: (entry: TranscriptEntry) => boolean;
}

/** Re-renders only when its own item changes (memo + a per-item subscription). */
export const TranscriptRow = memo(function TranscriptRow({ id, session, labels, filter }: TranscriptRowProps) {
  const entry = useTranscriptEntry(id, session);
  if (entry === undefined || !filter(entry)) return null;
  const isTool = entry.kind !== 'message';
  const speaker = isTool
    ? labels.tool
    : entry.role === 'user'
      ? labels.you
      : entry.role === 'assistant'
        ? labels.assistant
        : labels.system;
  const text = entry.text !== '' ? entry.text : entry.final ? labels.untranscribed : labels.transcribing;
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
      {entry.final && cut ? (
        // Words generated but never played are shown apart and not read out, so nobody takes them as said.
        <p key="cut" data-talkwire="transcript-text">
          <span data-talkwire="transcript-speaker">{speaker}: </span>
          {entry.heard}
          <span data-talkwire="transcript-unheard" aria-hidden="true">
            {entry.text.slice(entry.heard!.length)}
          </span>
          <span data-talkwire="transcript-interrupted"> {labels.interrupted}</span>
        </p>
      ) : entry.final ? (
        <p key="final" data-talkwire="transcript-text">
          <span data-talkwire="transcript-speaker">{speaker}: </span>
          {text}
        </p>
      ) : (
        <p key="live" data-talkwire="transcript-text" aria-hidden="true">
          <span data-talkwire="transcript-speaker">{speaker}: </span>
          {text}
        </p>
      )}
    </div>
  );
});

/** Keeps the log scrolled to the newest text unless the user scrolled away; DOM-only, no re-render. */
function useStickToBottom(ref: { current: HTMLElement | null }): void {
  useEffect(() => {
    const element = ref.current;
    if (element === null || typeof MutationObserver === 'undefined') return;
    let pinned = true;
    const onScroll = () => {
      pinned = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
    };
    const observer = new MutationObserver(() => {
      if (pinned) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', onScroll);
    };
  }, [ref]);
}
