// @vitest-environment jsdom
import '../support/reactActEnvironment.js';
import { cleanup, render, waitFor } from '@testing-library/react';
import type { StoryObj } from '@storybook/react-vite';
import { afterEach, describe, expect, it } from 'vitest';
import * as stories from '../../stories/Captions.stories.js';
import { axeViolations } from '../support/axe.js';

afterEach(cleanup);

const story = (name: keyof typeof stories) => (stories[name] as StoryObj).render!({}, {} as never);

describe('captions and translation stories (real sessions on a recorded line)', () => {
  it.each([
    ['CaptionsEmpty', 'empty', 0],
    ['CaptionsInterim', 'active', 1],
    ['CaptionsFinal', 'active', 2],
    ['CaptionsDiarized', 'active', 1],
    ['CaptionsFailed', 'active', 2],
  ] as const)('%s settles in data-state %s with %i entries, axe-clean', async (name, state, count) => {
    const { container } = render(story(name));
    const root = () => container.querySelector('[data-talkwire="captions"]')!;
    await waitFor(() => expect(container.querySelectorAll('[data-talkwire="caption"]').length).toBe(count), {
      timeout: 5000,
    });
    await waitFor(() => expect(root().getAttribute('data-state')).toBe(state), { timeout: 5000 });
    if (name === 'CaptionsInterim') {
      await waitFor(
        () =>
          expect(container.querySelector('[data-status="interim"]')?.textContent).toBe(
            'Let me read the first paragraph',
          ),
        { timeout: 5000 },
      );
    }
    if (name === 'CaptionsDiarized')
      await waitFor(() => expect(container.querySelectorAll('[data-talkwire="caption-speaker"]').length).toBe(2));
    expect(await axeViolations(container)).toEqual([]);
  });

  it.each([
    ['TranslationEmpty', 'empty', '', 'es'],
    ['TranslationActive', 'active', 'Buenos días a todos.', 'es'],
    ['TranslationLanguageSwitched', 'active', 'Buenos días. Merci.', 'fr'],
    ['TranslationClosed', 'closed', 'Eso es todo.', 'es'],
  ] as const)('%s settles in data-state %s, axe-clean', async (name, state, target, language) => {
    const { container } = render(story(name));
    const root = () => container.querySelector('[data-talkwire="translation"]')!;
    await waitFor(() => expect(root().getAttribute('data-state')).toBe(state), { timeout: 5000 });
    await waitFor(() => expect(root().querySelector('[data-side="target"] p')!.textContent).toBe(target), {
      timeout: 5000,
    });
    await waitFor(() => expect(root().getAttribute('data-language')).toBe(language));
    expect(await axeViolations(container)).toEqual([]);
  });
});
