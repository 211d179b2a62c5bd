// The engine's resume() on a context that may never settle: WebKit settles AudioContext.resume() only once
// something captures, and resumeAudio() (a "Turn on sound" click) must not wait for ever on it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAudioEngine, RESUME_WAIT_MS } from './AudioEngine.js';

afterEach(() => {
  vi.useRealTimers();
});

function engineWith(resume: () => Promise<void>, state: AudioContextState = 'suspended') {
  const context = { state, resume: vi.fn(resume), close: async () => undefined };
  const engine = createAudioEngine({
    AudioContext: class {} as unknown as typeof AudioContext,
    context: context as unknown as AudioContext,
  });
  return { context, engine };
}

describe('createAudioEngine().resume()', () => {
  it('returns after RESUME_WAIT_MS when the context never settles', async () => {
    vi.useFakeTimers();
    const { context, engine } = engineWith(() => new Promise<void>(() => undefined));
    let done = false;
    void engine.resume().then(() => (done = true));
    expect(context.resume).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(RESUME_WAIT_MS - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it('returns as soon as the context resumes, and does not ask a running context', async () => {
    const { context, engine } = engineWith(async () => undefined);
    await engine.resume();
    expect(context.resume).toHaveBeenCalledTimes(1);
    const running = engineWith(async () => undefined, 'running');
    await running.engine.resume();
    expect(running.context.resume).not.toHaveBeenCalled();
  });
});
