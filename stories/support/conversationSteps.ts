import type { ScriptStep } from './createScriptedSession.js';
import { assistantTurn, sessionCreated, userTurn } from './realtimeEvents.js';

/** A connected session followed by `turns` finished question-and-answer turns (2 x `turns` entries). */
export function conversationSteps(turns: number): ScriptStep[] {
  const steps: ScriptStep[] = [
    { step: 'status', status: 'connecting' },
    sessionCreated(),
    { step: 'status', status: 'connected' },
  ];
  let previous: string | null = null;
  for (let i = 0; i < turns; i++) {
    steps.push(...userTurn(`u${i}`, previous, `question ${i}`));
    steps.push(...assistantTurn(`r${i}`, `a${i}`, `u${i}`, `answer ${i}`).all);
    previous = `a${i}`;
  }
  return steps;
}
