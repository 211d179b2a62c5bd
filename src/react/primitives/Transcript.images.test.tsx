// @vitest-environment jsdom
import '../../../test/support/reactActEnvironment.js';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, expect, test, vi } from 'vitest';
import { RealtimeError } from '../../core/errors.js';
import { ImageAttachButton, RealtimeSessionProvider, Transcript, VoiceAgent } from '../../entries/index.js';
import { axeViolations } from '../../../test/support/axe.js';
import { createScriptedSession } from '../../../stories/support/createScriptedSession.js';

afterEach(cleanup);

const png = 'data:image/png;base64,iVBORw0KGgo=';

function imageMessage(id: string, content: unknown[]) {
  return {
    type: 'conversation.item.done',
    event_id: `e_${id}`,
    previous_item_id: null,
    item: { id, type: 'message', role: 'user', status: 'completed', content },
  };
}

test('a user message’s images render as thumbnails with their alt text, after its text', () => {
  const session = createScriptedSession({ animateLevels: false });
  session.store.receive(
    imageMessage('u1', [
      { type: 'input_text', text: 'What is this?' },
      { type: 'input_image', image_url: png },
    ]),
  );
  session.store.apply({ type: 'item_images', itemId: 'u1', images: [{ url: png, alt: 'A red square' }] });
  const { container } = render(
    <RealtimeSessionProvider realtimeSession={session}>
      <Transcript />
    </RealtimeSessionProvider>,
  );
  const row = container.querySelector('[data-talkwire="transcript-entry"]')!;
  const image = row.querySelector<HTMLImageElement>('[data-talkwire="transcript-image"]')!;
  expect(image.getAttribute('src')).toBe(png);
  expect(image.alt).toBe('A red square');
  // Inside the final text, so the log announces the picture with the words.
  expect(image.closest('[data-talkwire="transcript-text"]')).not.toBeNull();
  expect(row.textContent).toBe('You: What is this?');
});

test('an image-only message shows no "(spoken)" placeholder; a missing alt falls back to the label; only data:image URLs load', () => {
  const session = createScriptedSession({ animateLevels: false });
  session.store.receive(imageMessage('u2', [{ type: 'input_image', image_url: 'https://tracker.example/pixel.png' }]));
  const { container } = render(
    <RealtimeSessionProvider realtimeSession={session}>
      <Transcript labels={{ image: 'Picture' }} />
    </RealtimeSessionProvider>,
  );
  const row = container.querySelector('[data-talkwire="transcript-entry"]')!;
  const image = row.querySelector<HTMLImageElement>('[data-talkwire="transcript-image"]')!;
  expect(image.alt).toBe('Picture');
  expect(image.hasAttribute('src')).toBe(false);
  expect(row.textContent).toBe('You: ');
});

test('ImageAttachButton sends the picked file with its name as alt text, and shows a refusal in lastError', async () => {
  const session = createScriptedSession({ animateLevels: false });
  await session.connect();
  const sendMessage = vi
    .spyOn(session, 'sendMessage')
    .mockRejectedValueOnce(new RealtimeError('image_too_large', 'Too big.'));
  const { container } = render(
    <RealtimeSessionProvider realtimeSession={session}>
      <ImageAttachButton />
    </RealtimeSessionProvider>,
  );
  const button = container.querySelector<HTMLButtonElement>('[data-talkwire="image-attach"]')!;
  expect(button.disabled).toBe(false);
  // The picker is an input made on click (the button stays one element): catch it, then pick a file in it.
  const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(() => undefined);
  fireEvent.click(button);
  const input = click.mock.contexts[0] as HTMLInputElement | undefined;
  click.mockRestore();
  expect(input?.type).toBe('file');
  expect(container.querySelectorAll('input')).toHaveLength(0);
  const file = new File(['x'], 'cat.png', { type: 'image/png' });
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  await act(async () => {
    fireEvent.change(input!);
    await Promise.resolve();
  });
  expect(sendMessage).toHaveBeenCalledWith([{ type: 'input_image', image: file, alt: 'cat.png' }], undefined);
  await vi.waitFor(() => expect(session.store.getState().lastError).toMatchObject({ code: 'image_too_large' }), {
    timeout: 5_000,
  });
  expect(button.disabled).toBe(false);
});

test('<VoiceAgent allowImages/> offers the attach button (loaded with the extras); without it there is none', async () => {
  const session = createScriptedSession({ animateLevels: false });
  await session.connect();
  const { container, rerender } = render(<VoiceAgent realtimeSession={session} />);
  await act(() => import('../prefabs/VoiceAgentExtras.js'));
  expect(container.querySelector('[data-talkwire="image-attach"]')).toBeNull();
  rerender(<VoiceAgent realtimeSession={session} allowImages labels={{ attachImage: 'Show a photo' }} />);
  await act(() => import('../prefabs/VoiceAgentExtras.js'));
  await vi.waitFor(
    () =>
      expect(container.querySelector('[data-talkwire="image-attach"]')?.getAttribute('aria-label')).toBe(
        'Show a photo',
      ),
    { timeout: 5_000 },
  );
  expect(await axeViolations(container)).toEqual([]);
});
