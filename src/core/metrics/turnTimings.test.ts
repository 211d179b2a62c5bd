import { describe, expect, it } from 'vitest';
import {
  createTurnTimingState,
  percentiles,
  stepTurnTimings,
  summarizeTurnTimings,
  type TurnTimingInput,
  type TurnTimingState,
} from './turnTimings.js';

// A call scripted as the session would feed it: level samples every 10 ms between events.
class Script {
  state: TurnTimingState = createTurnTimingState({ holdMs: 100 });
  now = 0;
  mic = 0;
  out = 0;

  feed(input: TurnTimingInput): this {
    this.state = stepTurnTimings(this.state, input);
    return this;
  }
  /** Advance the clock, sampling both levels every 10 ms. */
  wait(ms: number): this {
    for (const end = this.now + ms; this.now < end;) {
      this.now += 10;
      this.feed({ type: 'input_level', level: this.mic, at: this.now });
      this.feed({ type: 'output_level', level: this.out, at: this.now });
    }
    return this;
  }
  server(type: string): this {
    return this.feed({ type: 'server_event', event: { type }, at: this.now });
  }
  turns() {
    return this.state.turns;
  }
}

describe('stepTurnTimings', () => {
  it('a voice turn: user stops -> agent audible, and the first text', () => {
    const s = new Script().wait(50);
    s.mic = 0.3;
    s.wait(500).server('input_audio_buffer.speech_started');
    s.mic = 0; // speech ends locally at 560
    s.wait(200).server('input_audio_buffer.speech_stopped').server('input_audio_buffer.committed');
    s.wait(100).server('response.created');
    s.wait(40).server('response.output_audio_transcript.delta');
    s.wait(60);
    s.out = 0.2; // audible at 960
    s.wait(300).server('response.done');
    s.out = 0;
    s.wait(300);

    expect(s.turns()).toHaveLength(1);
    const [turn] = s.turns();
    expect(turn!.marks).toMatchObject({
      speechStartedAt: 60,
      speechEndedAt: 560,
      serverSpeechStoppedAt: 750,
      committedAt: 750,
      responseCreatedAt: 850,
      firstTextAt: 890,
      firstAudioAt: 960,
      responseDoneAt: 1250,
    });
    expect(turn!.voiceToVoiceMs).toBe(400);
    expect(turn!.timeToFirstTextMs).toBe(330);
    expect(turn!.interruptionMs).toBeNull();
  });

  it('a pause mid-sentence stays one turn, ended at the last fall', () => {
    const s = new Script();
    s.mic = 0.3;
    s.wait(200);
    s.mic = 0;
    s.wait(200); // ended at 210
    s.mic = 0.3;
    s.wait(200);
    s.mic = 0; // ends at 610
    s.wait(190).server('response.created');
    s.out = 0.5;
    s.wait(20);
    expect(s.turns()).toHaveLength(1);
    expect(s.turns()[0]!.marks.speechEndedAt).toBe(610);
    expect(s.turns()[0]!.voiceToVoiceMs).toBe(800 - 610);
  });

  it('barge-in: the interrupted turn gets its interruption latency, the new speech a new turn', () => {
    const s = new Script();
    s.mic = 0.3;
    s.wait(300);
    s.mic = 0;
    s.wait(300).server('response.created');
    s.out = 0.4;
    s.wait(500);
    s.mic = 0.3; // user speaks over the agent at 1110
    s.wait(100).server('input_audio_buffer.speech_started');
    s.out = 0; // silenced from 1210 (known after the hold)
    s.wait(300);
    s.mic = 0;
    s.wait(300).server('response.created');

    const [first, second] = s.turns();
    expect(first!.marks.bargeInAt).toBe(1110);
    expect(first!.marks.silencedAt).toBe(1210);
    expect(first!.interruptionMs).toBe(100);
    expect(second!.marks.speechStartedAt).toBe(1110);
    expect(second!.marks.speechEndedAt).toBe(1510);
    expect(second!.marks.responseCreatedAt).toBe(1800);
  });

  it('a dip shorter than the hold is neither a speech end nor a silenced agent', () => {
    const s = new Script();
    s.mic = 0.3;
    s.wait(100);
    s.mic = 0;
    s.wait(50);
    s.mic = 0.3;
    s.wait(100);
    expect(s.turns()[0]!.marks.speechEndedAt).toBeUndefined();
  });

  it('a turn with no audio: text arrives, voice-to-voice stays null', () => {
    const s = new Script();
    s.mic = 0.3;
    s.wait(200);
    s.mic = 0;
    s.wait(200).server('response.created');
    s.wait(100).server('response.output_text.delta');
    s.wait(100).server('response.done');
    s.wait(500);
    const [turn] = s.turns();
    expect(turn!.voiceToVoiceMs).toBeNull();
    expect(turn!.timeToFirstTextMs).toBe(500 - 210);
    expect(summarizeTurnTimings(s.turns()).voiceToVoice.count).toBe(0);
  });

  it('a text-only turn: timed from the text sent', () => {
    const s = new Script().wait(100);
    s.feed({
      type: 'client_event',
      event: { type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [] } },
      at: 100,
    });
    s.wait(50).server('response.created');
    s.wait(100).server('response.output_audio_transcript.delta');
    s.out = 0.3;
    s.wait(50);
    const [turn] = s.turns();
    expect(turn!.kind).toBe('text');
    expect(turn!.timeToFirstTextMs).toBe(150);
    expect(turn!.voiceToVoiceMs).toBeNull();
    expect(turn!.marks.firstAudioAt).toBe(260);
  });

  it('the first sample played marks the agent audible (a transport that plays audio itself)', () => {
    const s = new Script();
    s.server('input_audio_buffer.speech_started').wait(300).server('input_audio_buffer.speech_stopped');
    s.wait(100).server('response.created');
    s.feed({ type: 'first_sample_played', at: 520 });
    expect(s.turns()[0]!.voiceToVoiceMs).toBe(220); // from the server's speech_stopped: no mic level fed
  });

  it('a response with no user turn before it (a greeting) is its own turn', () => {
    const s = new Script().server('response.created');
    s.out = 0.3;
    s.wait(100);
    expect(s.turns()).toHaveLength(1);
    expect(s.turns()[0]!.voiceToVoiceMs).toBeNull();
    expect(s.turns()[0]!.marks.firstAudioAt).toBe(10);
  });

  it('a level sample that crosses nothing returns the same state (no allocation at audio rate)', () => {
    let state = createTurnTimingState();
    state = stepTurnTimings(state, { type: 'input_level', level: 0.5, at: 1 });
    const same = stepTurnTimings(state, { type: 'input_level', level: 0.6, at: 2 });
    expect(same).toBe(state);
    expect(stepTurnTimings(state, { type: 'output_level', level: 0, at: 2 })).toBe(state);
  });

  it('keeps at most maxTurns', () => {
    let state = createTurnTimingState({ maxTurns: 3 });
    for (let i = 0; i < 5; i++)
      state = stepTurnTimings(state, { type: 'server_event', event: { type: 'response.created' }, at: i });
    expect(state.turns.map((t) => t.index)).toEqual([3, 4, 5]);
  });
});

describe('percentiles', () => {
  it('nearest rank over the values present', () => {
    expect(percentiles([])).toEqual({ count: 0, p50: null, p95: null });
    expect(percentiles([300, null, 100, 200])).toEqual({ count: 3, p50: 200, p95: 300 });
    const many = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentiles(many)).toEqual({ count: 100, p50: 50, p95: 95 });
  });
});

describe('late confirmations', () => {
  it('a speech end confirmed after response.created (levels arrive only on change) still dates the turn', () => {
    let state = createTurnTimingState({ holdMs: 250 });
    const step = (input: TurnTimingInput) => (state = stepTurnTimings(state, input));
    step({ type: 'input_level', level: 0.3, at: 0 });
    step({ type: 'input_level', level: 0, at: 1000 }); // fell; no sample until the agent is heard
    step({ type: 'server_event', event: { type: 'response.created' }, at: 1100 });
    step({ type: 'input_level', level: 0, at: 1400 });
    step({ type: 'output_level', level: 0.3, at: 1400 });
    expect(state.turns[0]!.marks.speechEndedAt).toBe(1000);
    expect(state.turns[0]!.voiceToVoiceMs).toBe(400);
  });
});
