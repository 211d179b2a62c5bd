import { describe, expect, it } from 'vitest';
import { createTranslationState, reduceTranslation } from './index.js';

describe('reduceTranslation', () => {
  it('makes source and target captions from the transcript deltas', () => {
    const events = [
      { type: 'session.created', session: { type: 'translation', audio: { output: { language: 'es' } } } },
      { type: 'session.input_transcript.delta', delta: 'Good ', elapsed_ms: 400 },
      { type: 'session.output_transcript.delta', delta: 'Buenos ', elapsed_ms: 600 },
      { type: 'session.input_transcript.delta', delta: 'morning' },
      { type: 'session.output_transcript.delta', delta: 'días' },
    ];
    const s = events.reduce(reduceTranslation, createTranslationState());
    expect(s).toMatchObject({
      source: 'Good morning',
      target: 'Buenos días',
      outputLanguage: 'es',
      sourceElapsedMs: 400,
      targetElapsedMs: 600,
    });
  });

  it('follows the output language on session.updated and marks session.closed', () => {
    let s = reduceTranslation(createTranslationState(), {
      type: 'session.updated',
      session: { audio: { output: { language: 'fr' } } },
    });
    expect(s.outputLanguage).toBe('fr');
    s = reduceTranslation(s, { type: 'session.closed' });
    expect(s.closed).toBe(true);
    expect(reduceTranslation(s, { type: 'session.closed' })).toBe(s);
    expect(reduceTranslation(s, { type: 'session.output_transcript.delta', delta: 7 })).toBe(s);
  });
});
