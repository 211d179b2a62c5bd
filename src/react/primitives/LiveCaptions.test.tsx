// @vitest-environment jsdom
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { axeViolations } from '../../../test/support/axe.js';
import '../../../test/support/reactActEnvironment.js';
import type { ClientEvent } from '../../core/protocol/events.js';
import { createTranscriptionSession, type TranscriptionSession } from '../../session/createTranscriptionSession.js';
import { createEmitter } from '../../transport/createEmitter.js';
import type { Transport, TransportEventMap, TransportStatus } from '../../transport/Transport.js';
import { LiveCaptions } from './LiveCaptions.js';

afterEach(cleanup);

/** An events-only transport the test speaks for, as a transcription server would. */
function serverLine() {
  const emitter = createEmitter<TransportEventMap>();
  const sent: ClientEvent[] = [];
  let status: TransportStatus = 'new';
  let contexts: unknown[] = [];
  const transport: Transport = {
    get status() {
      return status;
    },
    async connect() {
      status = 'open';
      queueMicrotask(() =>
        emitter.emit(
          'message',
          JSON.stringify({ type: 'session.created', session: { type: 'transcription', audio: { input: {} } } }),
        ),
      );
      return { callId: null };
    },
    send(event) {
      sent.push(event);
    },
    close() {
      status = 'closed';
    },
    on: emitter.on,
  };
  return {
    factory: (context: unknown) => {
      contexts = [...contexts, context];
      return transport;
    },
    say: (event: object) => act(() => emitter.emit('message', JSON.stringify(event))),
    sent,
    contexts: () => contexts,
  };
}

const T = 'conversation.item.input_audio_transcription.';

async function connected(): Promise<{ session: TranscriptionSession; line: ReturnType<typeof serverLine> }> {
  const line = serverLine();
  const session = createTranscriptionSession({ getClientSecret: async () => 'ek_test', transport: line.factory });
  await act(() => session.connect());
  return { session, line };
}

describe('<LiveCaptions/>', () => {
  it('shows interim text hidden from screen readers, then announces the final text once; axe-clean throughout', async () => {
    const { session, line } = await connected();
    expect(line.contexts()).toEqual([expect.objectContaining({ sessionKind: 'transcription' })]);
    const { container } = render(
      <div className="talkwire">
        <LiveCaptions session={session} />
      </div>,
    );
    const root = container.querySelector('[data-talkwire="captions"]')!;
    const announcer = () =>
      Array.from(container.querySelectorAll('[data-talkwire="captions-announcer"] p')).map((p) => p.textContent);
    expect(root.getAttribute('data-state')).toBe('empty');
    expect(await axeViolations(container)).toEqual([]);

    line.say({ type: 'input_audio_buffer.speech_started', item_id: 'a', audio_start_ms: 0 });
    expect(root.getAttribute('data-state')).toBe('listening');
    line.say({ type: 'input_audio_buffer.committed', item_id: 'a', previous_item_id: null });
    line.say({ type: `${T}delta`, item_id: 'a', content_index: 0, delta: 'Hello' });
    const row = container.querySelector('[data-talkwire="caption"]')!;
    expect(row.getAttribute('data-status')).toBe('interim');
    expect(row.getAttribute('aria-hidden')).toBe('true');
    expect(row.textContent).toBe('Hello');
    expect(announcer()).toEqual([]);
    expect(await axeViolations(container)).toEqual([]);

    line.say({ type: `${T}completed`, item_id: 'a', content_index: 0, transcript: 'Hello there.' });
    line.say({ type: `${T}delta`, item_id: 'a', content_index: 0, delta: ' late' });
    expect(container.querySelector('[data-talkwire="caption"]')!.getAttribute('data-status')).toBe('final');
    expect(announcer()).toEqual(['Hello there.']);
    expect(session.store.getState().agentState).not.toBe('thinking');

    line.say({
      type: `${T}segment`,
      item_id: 'b',
      content_index: 0,
      id: 's1',
      text: 'Ready?',
      speaker: 'A',
      start: 0,
      end: 1,
    });
    line.say({
      type: `${T}segment`,
      item_id: 'b',
      content_index: 0,
      id: 's2',
      text: 'Yes.',
      speaker: 'B',
      start: 1,
      end: 2,
    });
    line.say({ type: `${T}completed`, item_id: 'b', content_index: 0, transcript: 'Ready? Yes.' });
    line.say({ type: `${T}failed`, item_id: 'c', content_index: 0, error: { message: 'Too noisy.' } });
    const speakers = Array.from(container.querySelectorAll('[data-talkwire="caption-speaker"]')).map(
      (s) => s.textContent,
    );
    expect(speakers).toEqual(['A: ', 'B: ']);
    expect(container.querySelectorAll('[data-talkwire="caption"]')[2]!.getAttribute('data-status')).toBe('failed');
    expect(announcer()).toEqual(['Hello there.', 'A: Ready? B: Yes.', 'Not transcribed: Too noisy.']);
    expect(root.getAttribute('data-state')).toBe('active');
    expect(await axeViolations(container)).toEqual([]);
    await act(() => session.disconnect());
  });

  it('update() sends a transcription session.update; commit() commits', async () => {
    const { session, line } = await connected();
    session.update({ audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe', language: 'fr' } } } });
    session.commit();
    expect(line.sent).toEqual([
      {
        type: 'session.update',
        session: {
          type: 'transcription',
          audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe', language: 'fr' } } },
        },
      },
      { type: 'input_audio_buffer.commit' },
    ]);
    await act(() => session.disconnect());
  });
});
