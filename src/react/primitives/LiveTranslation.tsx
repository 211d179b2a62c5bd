'use client';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import type { TranslationSession } from '../../session/createTranslationSession.js';
import { useTranslationState } from '../useTranslation.js';

export interface LiveTranslationLabels {
  /** Accessible name of the region. */
  translation?: string;
  /** Heading of the speaker's side. */
  source?: string;
  /** Heading of the translated side; `{language}` becomes the output language. */
  target?: string;
}

export interface LiveTranslationProps extends ComponentPropsWithoutRef<'section'> {
  session: TranslationSession;
  labels?: LiveTranslationLabels;
}

const defaults: Required<LiveTranslationLabels> = {
  translation: 'Live translation',
  source: 'Original',
  target: 'Translation ({language})',
};

/**
 * Both languages side by side in one `<section data-state="empty|active|closed">`: what was said (when input
 * transcription is on) and its translation, with `lang` set on the translated side so screen readers switch voice.
 */
export const LiveTranslation = forwardRef<HTMLElement, LiveTranslationProps>(function LiveTranslation(
  { session, labels, ...rest },
  ref,
) {
  const state = useTranslationState(session);
  const text = { ...defaults, ...labels };
  const language = state.outputLanguage ?? '';
  return (
    <section
      aria-label={text.translation}
      data-talkwire="translation"
      data-state={state.closed ? 'closed' : state.source === '' && state.target === '' ? 'empty' : 'active'}
      data-language={language || undefined}
      {...rest}
      ref={ref}
    >
      <figure data-talkwire="translation-side" data-side="source">
        <figcaption>{text.source}</figcaption>
        <p>{state.source}</p>
      </figure>
      <figure data-talkwire="translation-side" data-side="target" lang={language || undefined}>
        <figcaption>{text.target.replace('{language}', language || '…')}</figcaption>
        <p>{state.target}</p>
      </figure>
    </section>
  );
});
