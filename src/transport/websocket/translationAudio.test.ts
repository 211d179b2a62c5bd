import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pcm16ToBase64 } from '../../audio/base64.js';
import type { OutputAudioEvent } from './createWebSocketAudio.js';
import { createTranslationAudio } from './translationAudio.js';

const delta = (value: number, samples = 480) => ({
  type: 'session.output_audio.delta',
  delta: pcm16ToBase64(new Int16Array(samples).fill(value)),
  sample_rate: 24000,
  channels: 1,
  format: 'pcm16',
});

function setup() {
  const calls: string[] = [];
  const output: OutputAudioEvent[] = [];
  const player = {
    push: (itemId: string, pcm: Int16Array) => calls.push(`push ${itemId} ${pcm.length}x${pcm[0]}`),
    end: (itemId: string) => calls.push(`end ${itemId}`),
  };
  const audio = createTranslationAudio({ player, onOutputAudio: (e) => output.push(e), idleMs: 300 });
  return { audio, calls, output };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createTranslationAudio', () => {
  it('plays session.output_audio.delta; a pause ends the stretch, the next delta starts another', () => {
    const { audio, calls, output } = setup();
    audio.handleServerEvent(delta(1));
    vi.advanceTimersByTime(200);
    audio.handleServerEvent(delta(2));
    // 300 ms after the first delta but only 100 ms after the second: still the same stretch.
    vi.advanceTimersByTime(100);
    expect(calls).toEqual(['push translation_0 480x1', 'push translation_0 480x2']);
    vi.advanceTimersByTime(200);
    expect(calls.at(-1)).toBe('end translation_0');
    audio.handleServerEvent(delta(3));
    vi.advanceTimersByTime(300);
    expect(calls.slice(3)).toEqual(['push translation_1 480x3', 'end translation_1']);
    expect(output.map((o) => [o.itemId, o.samples.length, o.samples[0], o.sampleRate])).toEqual([
      ['translation_0', 480, 1, 24000],
      ['translation_0', 480, 2, 24000],
      ['translation_1', 480, 3, 24000],
    ]);
  });

  it('ignores other events and empty or malformed deltas; dispose stops the timer', () => {
    const errors: unknown[] = [];
    const pushed: string[] = [];
    const audio = createTranslationAudio({
      player: { push: (id) => pushed.push(id), end: (id) => pushed.push(`end ${id}`) },
      onError: (e) => errors.push(e),
    });
    audio.handleServerEvent({ type: 'response.output_audio.delta', delta: pcm16ToBase64(new Int16Array(4)) });
    audio.handleServerEvent({ type: 'session.output_transcript.delta', delta: 'Hola' });
    audio.handleServerEvent({ type: 'session.output_audio.delta', delta: '' });
    audio.handleServerEvent({ type: 'session.output_audio.delta', delta: '%%%' });
    expect(pushed).toEqual([]);
    expect(errors).toHaveLength(1);
    audio.handleServerEvent(delta(5));
    audio.dispose();
    vi.advanceTimersByTime(1000);
    expect(pushed).toEqual(['translation_0']);
  });
});
