'use client';
import { forwardRef, useState, type ComponentPropsWithoutRef } from 'react';
import { toPlainText, toWebVtt } from '../../core/captions/exportCaptions.js';
import { selectCaptions } from '../../core/captions/reduceCaptions.js';
import type { TranscriptionSession } from '../../session/createTranscriptionSession.js';

export interface CopyCaptionsButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onClick'> {
  session: TranscriptionSession;
}

/** Copies the final captions as text. `data-state="idle|copied|failed"` (the clipboard may be refused). */
export const CopyCaptionsButton = forwardRef<HTMLButtonElement, CopyCaptionsButtonProps>(function CopyCaptionsButton(
  { session, children, ...rest },
  ref,
) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    const text = toPlainText(selectCaptions(session.getCaptions()));
    const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
    if (!clipboard) return setState('failed');
    clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <button type="button" data-talkwire="captions-copy" data-state={state} {...rest} ref={ref} onClick={copy}>
      {children ?? (state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy captions')}
    </button>
  );
});

export interface DownloadCaptionsButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onClick'> {
  session: TranscriptionSession;
  /** `txt` (one line per entry, speaker labels) or `vtt` (WebVTT cues with timings). */
  format?: 'txt' | 'vtt';
  /** File name without extension; default `captions`. */
  fileName?: string;
}

/** Saves the final captions as `.txt` or WebVTT. `data-state="idle"` always: a download has no outcome to show. */
export const DownloadCaptionsButton = forwardRef<HTMLButtonElement, DownloadCaptionsButtonProps>(
  function DownloadCaptionsButton({ session, format = 'txt', fileName = 'captions', children, ...rest }, ref) {
    const download = () => {
      const entries = selectCaptions(session.getCaptions());
      const body = format === 'vtt' ? toWebVtt(entries) : toPlainText(entries);
      const url = URL.createObjectURL(new Blob([body], { type: format === 'vtt' ? 'text/vtt' : 'text/plain' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = `${fileName}.${format}`;
      link.click();
      // The click starts the download synchronously; the URL is only needed until then.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    };
    return (
      <button
        type="button"
        data-talkwire="captions-download"
        data-state="idle"
        data-format={format}
        {...rest}
        ref={ref}
        onClick={download}
      >
        {children ?? (format === 'vtt' ? 'Download WebVTT' : 'Download text')}
      </button>
    );
  },
);
