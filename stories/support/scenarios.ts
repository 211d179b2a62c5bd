import type { RealtimeErrorCode } from '../../src/core/errors.js';
import type { ScriptStep } from './createScriptedSession.js';
import {
  assistantTurn,
  functionCallTurn,
  serverError,
  sessionCreated,
  userSpeechStarted,
  userTurn,
} from './realtimeEvents.js';

/** Steps that put a session into each UI state, through the real reducer. Shared by stories and tests. */
const connected: ScriptStep[] = [
  { step: 'status', status: 'connecting' },
  sessionCreated(),
  { step: 'status', status: 'connected' },
  { step: 'action', action: { type: 'mic', patch: { permission: 'granted' } } },
];

const question = 'What is the weather like in Paris today?';
const answer = 'It is sunny in Paris, around twenty-two degrees, with a light breeze from the west.';
const firstAnswer = assistantTurn('resp_1', 'item_a1', 'item_u1', answer);

const conversation = (turns: number): ScriptStep[] => {
  const steps: ScriptStep[] = [];
  let previous: string | null = null;
  for (let i = 0; i < turns; i++) {
    const user = `item_u${i}`;
    const assistant = `item_a${i}`;
    steps.push(...userTurn(user, previous, `Question number ${i + 1}: tell me something about the number ${i + 1}.`));
    steps.push(
      ...assistantTurn(
        `resp_${i}`,
        assistant,
        user,
        `The number ${i + 1} is ${i % 2 === 0 ? 'odd' : 'even'}, and it comes right after ${i}.`,
      ).all,
    );
    previous = assistant;
  }
  return steps;
};

const fail = (code: RealtimeErrorCode, message: string, status?: number): ScriptStep[] => [
  { step: 'status', status: 'connecting' },
  status === undefined ? { step: 'fail', code, message } : { step: 'fail', code, message, status },
];

export const scenarios = {
  idle: [] as ScriptStep[],
  connecting: [{ step: 'status', status: 'connecting' }] as ScriptStep[],
  listening: connected,
  userSpeaking: [...connected, ...userSpeechStarted('item_u1')],
  thinking: [...connected, ...userTurn('item_u1', null, question), ...firstAnswer.start],
  speaking: [
    ...connected,
    ...userTurn('item_u1', null, question),
    ...firstAnswer.start,
    ...firstAnswer.open,
    ...firstAnswer.deltas.slice(0, 6),
  ],
  answered: [...connected, ...userTurn('item_u1', null, question), ...firstAnswer.all],
  muted: [...connected, { step: 'action', action: { type: 'mic', patch: { muted: true } } }] as ScriptStep[],
  micDenied: fail('mic_permission_denied', 'The browser denied microphone access.'),
  micUnavailable: fail('mic_unavailable', 'No microphone was found.'),
  keyFailed: fail('client_secret_failed', 'POST /api/realtime-session answered 500.', 500),
  sdpRejected: fail('sdp_rejected', 'The Realtime API answered 401: invalid or expired client secret.', 401),
  connectTimeout: fail('connect_timeout', 'No answer within 15000 ms.'),
  connectionLost: [
    ...connected,
    {
      step: 'action',
      action: {
        type: 'error',
        error: { source: 'client', code: 'data_channel_closed', message: 'The data channel closed.' },
      },
    },
    { step: 'status', status: 'failed' },
  ] as ScriptStep[],
  serverError: [
    ...connected,
    serverError('invalid_value', "Invalid value: 'x'. Supported values are: 'alloy', 'marin'."),
  ],
  playbackBlocked: [
    ...connected,
    { step: 'action', action: { type: 'output', patch: { playbackBlocked: true } } },
  ] as ScriptStep[],
  ended: [
    ...connected,
    ...userTurn('item_u1', null, question),
    ...firstAnswer.all,
    { step: 'status', status: 'closed' },
  ] as ScriptStep[],
  longTranscript: [...connected, ...conversation(20)],
  functionCallRunning: [
    ...connected,
    ...userTurn('item_u1', null, question),
    ...(() => {
      const turn = functionCallTurn('resp_f', 'item_f1', 'item_u1', {
        callId: 'call_1',
        name: 'get_weather',
        arguments: '{"city":"Paris","unit":"celsius"}',
        outputItemId: 'item_fo1',
        output: '{"temperature":22,"sky":"sunny"}',
      });
      // Stop before response.done so the call is still running.
      return [...turn.start, ...turn.call.slice(0, -3)];
    })(),
  ],
} satisfies Record<string, ScriptStep[]>;

export type ScenarioName = keyof typeof scenarios;

/** A full scripted conversation, played with pauses after connect (the "demo" story). */
export function demoConversation(): ScriptStep[] {
  const reply = assistantTurn('resp_demo', 'item_da1', 'item_du1', answer);
  return [
    { step: 'wait', ms: 800 },
    ...userSpeechStarted('item_du1'),
    { step: 'wait', ms: 1500 },
    ...userTurn('item_du1', null, question).slice(1),
    { step: 'wait', ms: 300 },
    ...reply.start,
    { step: 'wait', ms: 500 },
    ...reply.open,
    ...reply.deltas.flatMap((delta): ScriptStep[] => [delta, { step: 'wait', ms: 140 }]),
    ...reply.end,
  ];
}
