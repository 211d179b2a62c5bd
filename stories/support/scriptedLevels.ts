import type { RealtimeStore } from '../../src/core/state/store.js';

/**
 * The levels a scripted session makes up, 20 times a second as a real one reads them: the agent's voice while the
 * store says it speaks, the user's while the script's VAD hears speech, a faint room noise otherwise.
 */
export function createScriptedLevels(store: RealtimeStore, animate: boolean) {
  const listeners = new Set<() => void>();
  let input = 0;
  let output = 0;
  let userSpeaking = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const notify = () => {
    for (const listener of listeners) listener();
  };
  const set = (nextInput: number, nextOutput: number) => {
    input = nextInput;
    output = nextOutput;
    notify();
  };
  return {
    input: () => input,
    output: () => output,
    set,
    setUserSpeaking: (speaking: boolean) => {
      userSpeaking = speaking;
    },
    subscribe: (listener: () => void): (() => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start() {
      if (!animate || timer !== undefined) return;
      let t = 0;
      timer = setInterval(() => {
        t += 1;
        const state = store.getState();
        const speaking = state.agentState === 'speaking';
        set(
          userSpeaking && !state.mic.muted ? 0.3 + 0.25 * Math.abs(Math.sin(t / 1.9)) : 0.02 * Math.abs(Math.sin(t)),
          speaking ? 0.35 + 0.3 * Math.abs(Math.sin(t / 2.3)) + 0.15 * Math.abs(Math.sin(t * 1.7)) : 0,
        );
      }, 50);
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      set(0, 0);
    },
  };
}
