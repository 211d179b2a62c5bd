/**
 * Per-turn timing as the user lives it, as a pure state machine: mic and output levels (their threshold
 * crossings), server and client events and, on transports that play audio themselves, the first sample played
 * go in; per-turn marks and the derived figures come out. Every time is a caller's clock reading in ms
 * (performance.now()), so tests script whole calls without timers.
 *
 * A level sample that crosses nothing returns the same state object: the machine can be fed at audio rate
 * without allocating, and a store holding it notifies only when a mark lands.
 */

export interface TurnTimingOptions {
  /** Mic RMS (0..1) at or above which the user is speaking. */
  speechThreshold: number;
  /** Output RMS (0..1) at or above which the agent is audible. */
  outputThreshold: number;
  /** How long a level must stay under its threshold before speech or output counts as stopped (ms). */
  holdMs: number;
  /** Turns kept; the oldest are dropped (the summary covers the kept ones). */
  maxTurns: number;
}

export const DEFAULT_TURN_TIMING_OPTIONS: TurnTimingOptions = {
  speechThreshold: 0.02,
  outputThreshold: 0.01,
  holdMs: 250,
  maxTurns: 200,
};

/** Clock readings (ms) for one turn: the user's input and the agent's answer to it. Absent = not (yet) seen. */
export interface TurnMarks {
  /** The user started speaking (local level rise or the server's `speech_started`, whichever came first). */
  speechStartedAt?: number;
  /** The mic level fell below the speech threshold (and stayed there for `holdMs`). */
  speechEndedAt?: number;
  /** The server's `input_audio_buffer.speech_stopped`, received. */
  serverSpeechStoppedAt?: number;
  /** `input_audio_buffer.committed`, received. */
  committedAt?: number;
  /** A user text message was sent (a text turn). */
  textSentAt?: number;
  /** `response.created`, received. */
  responseCreatedAt?: number;
  /** The first transcript or text delta of the response. */
  firstTextAt?: number;
  /** The agent first became audible (output level rising, or the player's first sample). */
  firstAudioAt?: number;
  /** The user spoke over the audible agent. */
  bargeInAt?: number;
  /** The agent's audio went silent after a barge-in. */
  silencedAt?: number;
  /** `response.done`, received. */
  responseDoneAt?: number;
}

export interface TurnTiming {
  /** 1, 2, ... in call order. */
  readonly index: number;
  readonly kind: 'voice' | 'text';
  readonly marks: Readonly<TurnMarks>;
  /** User stops -> agent audible (ms); null without both ends. */
  readonly voiceToVoiceMs: number | null;
  /** User stops (or text sent) -> first transcript/text delta (ms). */
  readonly timeToFirstTextMs: number | null;
  /** User speech start over the agent -> agent silenced (ms). */
  readonly interruptionMs: number | null;
}

export interface Percentiles {
  readonly count: number;
  readonly p50: number | null;
  readonly p95: number | null;
}

export interface TurnTimingState {
  readonly options: TurnTimingOptions;
  readonly turns: readonly TurnTiming[];
  /** Level-crossing bookkeeping; not for display. */
  readonly input: LevelTrack;
  readonly output: LevelTrack;
}

interface LevelTrack {
  readonly on: boolean;
  /** When the level fell below the threshold while `on`; null while above. */
  readonly belowSince: number | null;
}

export type TurnTimingInput =
  | { readonly type: 'input_level'; readonly level: number; readonly at: number }
  | { readonly type: 'output_level'; readonly level: number; readonly at: number }
  | { readonly type: 'first_sample_played'; readonly at: number }
  | { readonly type: 'server_event'; readonly event: { readonly type: string }; readonly at: number }
  | {
      readonly type: 'client_event';
      readonly event: { readonly type: string; readonly item?: unknown };
      readonly at: number;
    };

const OFF: LevelTrack = { on: false, belowSince: null };

export function createTurnTimingState(options: Partial<TurnTimingOptions> = {}): TurnTimingState {
  return { options: { ...DEFAULT_TURN_TIMING_OPTIONS, ...options }, turns: [], input: OFF, output: OFF };
}

export function stepTurnTimings(state: TurnTimingState, input: TurnTimingInput): TurnTimingState {
  switch (input.type) {
    case 'input_level':
      return stepInput(state, input.level, input.at);
    case 'output_level':
      return stepOutput(state, input.level, input.at);
    case 'first_sample_played':
      return markAudible(state, input.at);
    case 'server_event':
      return stepServerEvent(state, input.event.type, input.at);
    case 'client_event':
      return isUserText(input.event) ? startTurn(state, 'text', { textSentAt: input.at }) : state;
  }
}

function stepServerEvent(state: TurnTimingState, type: string, at: number): TurnTimingState {
  switch (type) {
    case 'input_audio_buffer.speech_started':
      return userSpeaks(state, at);
    case 'input_audio_buffer.speech_stopped':
      return markFirst(state, 'serverSpeechStoppedAt', at);
    case 'input_audio_buffer.committed':
      return markFirst(state, 'committedAt', at);
    case 'response.created':
      // A response with no user turn before it (a greeting, a tool follow-up) is a turn of its own.
      return current(state)?.marks.responseCreatedAt === undefined && current(state)
        ? mark(state, { responseCreatedAt: at })
        : startTurn(state, 'voice', { responseCreatedAt: at });
    case 'response.output_audio_transcript.delta':
    case 'response.output_text.delta':
    case 'response.audio_transcript.delta':
    case 'response.text.delta':
      return current(state)?.marks.responseCreatedAt === undefined ? state : markFirst(state, 'firstTextAt', at);
    case 'response.done':
      return current(state)?.marks.responseCreatedAt === undefined ? state : markFirst(state, 'responseDoneAt', at);
    default:
      return state;
  }
}

function stepInput(state: TurnTimingState, level: number, at: number): TurnTimingState {
  const { input, options } = state;
  if (level >= options.speechThreshold) {
    if (input.on && input.belowSince === null) return state;
    const next = { ...state, input: { on: true, belowSince: null } };
    return input.on ? next : userSpeaks(next, at);
  }
  if (!input.on) return state;
  if (input.belowSince === null) return { ...state, input: { on: true, belowSince: at } };
  if (at - input.belowSince < options.holdMs) return state;
  const ended = { ...state, input: OFF };
  const turn = current(ended);
  // The hold is confirmed late (often after response.created); the end is dated when the level fell.
  const open = turn?.kind === 'voice' && turn.marks.speechEndedAt === undefined;
  const beforeAnswer = open && !(turn.marks.firstAudioAt! < input.belowSince);
  return beforeAnswer ? mark(ended, { speechEndedAt: input.belowSince }) : ended;
}

function stepOutput(state: TurnTimingState, level: number, at: number): TurnTimingState {
  const { output, options } = state;
  if (level >= options.outputThreshold) {
    if (output.on && output.belowSince === null) return state;
    const next = { ...state, output: { on: true, belowSince: null } };
    return output.on ? next : markAudible(next, at);
  }
  if (!output.on) return state;
  if (output.belowSince === null) return { ...state, output: { on: true, belowSince: at } };
  if (at - output.belowSince < options.holdMs) return state;
  const silent = { ...state, output: OFF };
  const interrupted = findLast(
    silent.turns,
    (t) => t.marks.bargeInAt !== undefined && t.marks.silencedAt === undefined,
  );
  return interrupted ? replace(silent, interrupted, { silencedAt: output.belowSince }) : silent;
}

/** The user started speaking: a barge-in when the agent is audible, and the start of a new turn unless one is open. */
function userSpeaks(state: TurnTimingState, at: number): TurnTimingState {
  let next = state;
  const answering = findLast(state.turns, (t) => t.marks.firstAudioAt !== undefined);
  if (state.output.on && answering && answering.marks.bargeInAt === undefined) {
    next = replace(next, answering, { bargeInAt: at });
  }
  const turn = current(next);
  if (turn && turn.kind === 'voice' && turn.marks.responseCreatedAt === undefined) {
    // Local rise then the server's speech_started, or a pause mid-sentence: the same turn, its end not yet known.
    const { speechEndedAt: _ended, serverSpeechStoppedAt: _stopped, ...rest } = turn.marks;
    return replace(next, turn, { ...rest, speechStartedAt: turn.marks.speechStartedAt ?? at }, true);
  }
  return startTurn(next, 'voice', { speechStartedAt: at });
}

function markAudible(state: TurnTimingState, at: number): TurnTimingState {
  const turn = current(state);
  if (!turn || turn.marks.responseCreatedAt === undefined || turn.marks.firstAudioAt !== undefined) return state;
  return mark(state, { firstAudioAt: at });
}

function isUserText(event: { type: string; item?: unknown }): boolean {
  if (event.type !== 'conversation.item.create' || typeof event.item !== 'object' || event.item === null) return false;
  const item = event.item as { type?: unknown; role?: unknown };
  return item.type === 'message' && item.role === 'user';
}

function startTurn(state: TurnTimingState, kind: TurnTiming['kind'], marks: TurnMarks): TurnTimingState {
  const last = state.turns[state.turns.length - 1];
  const turn = derive((last?.index ?? 0) + 1, kind, marks);
  const kept = state.turns.length >= state.options.maxTurns ? state.turns.slice(1) : state.turns;
  return { ...state, turns: [...kept, turn] };
}

function current(state: TurnTimingState): TurnTiming | undefined {
  return state.turns[state.turns.length - 1];
}

function markFirst(state: TurnTimingState, key: keyof TurnMarks, at: number): TurnTimingState {
  const turn = current(state);
  if (!turn || turn.marks[key] !== undefined) return state;
  return mark(state, { [key]: at });
}

function mark(state: TurnTimingState, marks: TurnMarks): TurnTimingState {
  const turn = current(state);
  return turn ? replace(state, turn, marks) : state;
}

function replace(state: TurnTimingState, turn: TurnTiming, marks: TurnMarks, whole = false): TurnTimingState {
  const next = derive(turn.index, turn.kind, whole ? marks : { ...turn.marks, ...marks });
  return { ...state, turns: state.turns.map((t) => (t === turn ? next : t)) };
}

function derive(index: number, kind: TurnTiming['kind'], marks: TurnMarks): TurnTiming {
  // The local end is what the user lived; the server's speech_stopped stands in when the mic level was not fed.
  const userDone = kind === 'text' ? marks.textSentAt : (marks.speechEndedAt ?? marks.serverSpeechStoppedAt);
  return {
    index,
    kind,
    marks,
    voiceToVoiceMs: kind === 'voice' ? span(userDone, marks.firstAudioAt) : null,
    timeToFirstTextMs: span(userDone, marks.firstTextAt),
    interruptionMs: span(marks.bargeInAt, marks.silencedAt),
  };
}

function span(from: number | undefined, to: number | undefined): number | null {
  return from === undefined || to === undefined || to < from ? null : to - from;
}

function findLast<T>(list: readonly T[], test: (value: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (test(list[i]!)) return list[i];
  return undefined;
}

export interface TurnTimingSummary {
  readonly voiceToVoice: Percentiles;
  readonly timeToFirstText: Percentiles;
  readonly interruption: Percentiles;
}

/** p50/p95 over the call (nearest-rank), per figure, from the turns that have it. */
export function summarizeTurnTimings(turns: readonly TurnTiming[]): TurnTimingSummary {
  return {
    voiceToVoice: percentiles(turns.map((t) => t.voiceToVoiceMs)),
    timeToFirstText: percentiles(turns.map((t) => t.timeToFirstTextMs)),
    interruption: percentiles(turns.map((t) => t.interruptionMs)),
  };
}

export function percentiles(values: readonly (number | null)[]): Percentiles {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  const rank = (p: number) => (sorted.length === 0 ? null : sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!);
  return { count: sorted.length, p50: rank(0.5), p95: rank(0.95) };
}
