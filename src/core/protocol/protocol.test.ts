import { describe, expect, it } from 'vitest';
import {
  BETA_SERVER_EVENT_NAMES,
  normalizeServerEvent,
  normalizeSessionConfig,
  parseServerEvent,
  SERVER_EVENT_TYPES,
} from '../../entries/core.js';
import { clientEventFixtures, serverEventFixtures } from '../../../test/fixtures/realtimeFixtures.js';

describe('parseServerEvent', () => {
  it.each([
    ['not JSON', '{"type": ', 'malformed_json'],
    ['empty string', '', 'malformed_json'],
    ['bad bytes', new TextEncoder().encode('{nope'), 'malformed_json'],
    ['a JSON number', '42', 'not_an_event'],
    ['a JSON array', '[{"type":"error"}]', 'not_an_event'],
    ['null', null, 'not_an_event'],
    ['undefined', undefined, 'not_an_event'],
    ['no type', { event_id: 'x' }, 'not_an_event'],
    ['numeric type', { type: 7 }, 'not_an_event'],
    ['unknown type', '{"type":"response.teleport"}', 'unknown_type'],
    ['prototype name as type', { type: '__proto__' }, 'unknown_type'],
    ['constructor as type', { type: 'constructor' }, 'unknown_type'],
  ] as const)('%s -> %s, never throws', (_label, input, reason) => {
    const parsed = parseServerEvent(input);
    expect(parsed).toEqual({ ok: false, reason, raw: input });
  });

  it('accepts strings, bytes and objects alike', () => {
    const text = '{"type":"input_audio_buffer.cleared","event_id":"e1"}';
    const expected = { ok: true, event: { type: 'input_audio_buffer.cleared', event_id: 'e1' } };
    expect(parseServerEvent(text)).toEqual(expected);
    expect(parseServerEvent(new TextEncoder().encode(text))).toEqual(expected);
    expect(parseServerEvent(new TextEncoder().encode(text).buffer)).toEqual(expected);
    expect(parseServerEvent(JSON.parse(text))).toEqual(expected);
  });

  it('parses every GA type name', () => {
    for (const type of SERVER_EVENT_TYPES) expect(parseServerEvent({ type }).ok, type).toBe(true);
  });
});

describe('normalizeServerEvent (beta -> GA)', () => {
  it.each(Object.entries(BETA_SERVER_EVENT_NAMES))('%s becomes %s', (beta, ga) => {
    const event = normalizeServerEvent({ type: beta, event_id: 'e', item_id: 'i', delta: 'x' });
    expect(event?.type).toBe(ga);
  });

  it('keeps GA events as the same object (no allocation on the hot path)', () => {
    const delta = { type: 'response.output_audio_transcript.delta', event_id: 'e', item_id: 'i', delta: 'x' };
    expect(normalizeServerEvent(delta)).toBe(delta);
  });

  it('does not modify its input', () => {
    const beta = { type: 'response.audio_transcript.delta', delta: 'x' };
    normalizeServerEvent(beta);
    expect(beta.type).toBe('response.audio_transcript.delta');
  });

  it('maps beta assistant content text/audio to output_text/output_audio, leaving user content alone', () => {
    const assistant = normalizeServerEvent({
      type: 'conversation.item.created',
      item: {
        id: 'a',
        type: 'message',
        role: 'assistant',
        content: [
          { type: 'audio', transcript: 'hi' },
          { type: 'text', text: 't' },
        ],
      },
    });
    expect(assistant).toMatchObject({
      item: {
        content: [
          { type: 'output_audio', transcript: 'hi' },
          { type: 'output_text', text: 't' },
        ],
      },
    });
    const user = {
      type: 'conversation.item.created',
      item: { id: 'u', type: 'message', role: 'user', content: [{ type: 'input_audio' }] },
    };
    expect(normalizeServerEvent(user)).toBe(user);
  });

  it('maps items inside response.done output', () => {
    const event = normalizeServerEvent({
      type: 'response.done',
      response: {
        id: 'r',
        output: [{ id: 'a', type: 'message', role: 'assistant', content: [{ type: 'text', text: 'x' }] }],
      },
    });
    expect(event).toMatchObject({ response: { output: [{ content: [{ type: 'output_text' }] }] } });
  });

  it('keeps content_part parts as audio/text (GA still uses them there)', () => {
    const event = { type: 'response.content_part.added', part: { type: 'audio', transcript: '' } };
    expect(normalizeServerEvent(event)).toBe(event);
  });

  it('turns beta transcription_session.* into session.* with a transcription session', () => {
    const fixture = serverEventFixtures().find((f) => f.name === 'transcription_session.created.json');
    const event = normalizeServerEvent(fixture?.value);
    expect(event).toMatchObject({
      type: 'session.created',
      session: {
        type: 'transcription',
        audio: {
          input: {
            format: { type: 'audio/pcm' },
            transcription: { model: 'gpt-4o-transcribe' },
            noise_reduction: { type: 'near_field' },
          },
        },
      },
    });
  });

  it('converts every beta flat session fixture to the GA shape', () => {
    const betas = serverEventFixtures().filter((f) => /^session\.(created|updated)__beta-(spec|webrtc)/.test(f.name));
    expect(betas.length).toBeGreaterThanOrEqual(4);
    for (const f of betas) {
      const event = normalizeServerEvent(f.value) as unknown as { session: Record<string, unknown> };
      expect(event.session['type'], f.name).toBe('realtime');
      expect(event.session).not.toHaveProperty('modalities');
      expect(event.session).not.toHaveProperty('voice');
      expect(event.session).not.toHaveProperty('input_audio_format');
    }
  });

  it.each([
    ['modalities', { modalities: ['text'] }, { output_modalities: ['text'] }],
    ['audio modalities', { modalities: ['audio', 'text'] }, { output_modalities: ['audio'] }],
    [
      'voice and output format',
      { voice: 'verse', output_audio_format: 'g711_ulaw' },
      { audio: { output: { voice: 'verse', format: { type: 'audio/pcmu' } } } },
    ],
    [
      'input side',
      { input_audio_format: 'g711_alaw', turn_detection: null, input_audio_transcription: { model: 'whisper-1' } },
      {
        audio: {
          input: { format: { type: 'audio/pcma' }, turn_detection: null, transcription: { model: 'whisper-1' } },
        },
      },
    ],
    ['max tokens', { max_response_output_tokens: 'inf' }, { max_output_tokens: 'inf' }],
  ])('beta session field: %s', (_label, beta, ga) => {
    expect(normalizeSessionConfig(beta)).toMatchObject({ type: 'realtime', ...ga });
  });

  it('drops temperature (no GA equivalent) and passes GA sessions through unchanged', () => {
    expect(normalizeSessionConfig({ temperature: 0.8, model: 'm' })).toEqual({ type: 'realtime', model: 'm' });
    const ga = { type: 'realtime', model: 'gpt-realtime' };
    expect(normalizeSessionConfig(ga)).toBe(ga);
    expect(normalizeSessionConfig('nope')).toBeNull();
    expect(normalizeSessionConfig({ type: 'translation' })).toBeNull();
  });
});

describe('client event fixtures', () => {
  it('are GA client events or known beta-only ones', () => {
    const ga = new Set([
      'session.update',
      'input_audio_buffer.append',
      'input_audio_buffer.commit',
      'input_audio_buffer.clear',
      'output_audio_buffer.clear',
      'conversation.item.create',
      'conversation.item.retrieve',
      'conversation.item.truncate',
      'conversation.item.delete',
      'response.create',
      'response.cancel',
    ]);
    for (const f of clientEventFixtures()) {
      const type = (f.value as { type: string }).type;
      expect(ga.has(type) || type === 'transcription_session.update', f.name).toBe(true);
    }
  });
});
