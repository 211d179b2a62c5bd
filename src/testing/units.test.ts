import { describe, expect, it } from 'vitest';
import { EnergyVad } from './EnergyVad.js';
import { FaultRegistry, toFault, triggerMatches } from './faults.js';
import { ScenarioCursor, scenario, toScenario } from './scenario.js';
import { defaultSessionConfig, mergeSessionConfig, turnDetection, validateSessionPatch } from './sessionConfig.js';
import { synthesizeWord, transcriptDeltas } from './speechSynth.js';
import { frameRms } from './EnergyVad.js';

const frame = (amp: number) => Int16Array.from({ length: 960 }, (_, i) => Math.round(Math.sin(i / 10) * amp * 32767));

describe('EnergyVad', () => {
  const settings = { threshold: 0.5, prefix_padding_ms: 300, silence_duration_ms: 200 };

  it('starts after 60 ms of voice, reports start minus prefix padding, stops after the silence duration', () => {
    const vad = new EnergyVad(settings);
    const events = [];
    for (let i = 0; i < 50; i++) events.push(vad.push(frame(0)));
    for (let i = 0; i < 20; i++) events.push(vad.push(frame(0.3)));
    for (let i = 0; i < 15; i++) events.push(vad.push(frame(0)));
    const real = events.filter((e) => e !== null);
    expect(real).toEqual([
      { type: 'speech_started', audioStartMs: 1000 - 300 },
      { type: 'speech_stopped', audioEndMs: 1400 },
    ]);
  });

  it('ignores a click and quiet noise', () => {
    const vad = new EnergyVad(settings);
    expect(
      [vad.push(frame(0.5)), vad.push(frame(0)), ...Array.from({ length: 20 }, () => vad.push(frame(0.001)))].every(
        (e) => e === null,
      ),
    ).toBe(true);
  });

  it('a higher threshold needs louder speech', () => {
    const vad = new EnergyVad({ ...settings, threshold: 0.95 });
    for (let i = 0; i < 10; i++) expect(vad.push(frame(0.05))).toBeNull();
  });
});

describe('scenario DSL', () => {
  it('plays steps in order, then the fallback with the reply number', () => {
    const s = scenario().hears('Hi').reply('Hello!').callFunction('f', { a: 1 });
    const cursor = new ScenarioCursor(s);
    expect(cursor.nextHeard()).toBe('Hi');
    expect(cursor.nextHeard()).toBe('(speech)');
    expect(cursor.nextStep()).toEqual({ type: 'reply', text: 'Hello!' });
    expect(cursor.nextStep()).toEqual({ type: 'function_call', name: 'f', arguments: '{"a":1}' });
    expect(cursor.nextStep()).toEqual({ type: 'reply', text: 'You said something. This is reply 3.' });
  });

  it('round-trips through JSON and rejects nonsense with a clear message', () => {
    const s = scenario().reply('A').requestMcpApproval('docs', 'search', { q: 'x' }).otherwise('Reply {n} to {heard}');
    expect(toScenario(JSON.parse(JSON.stringify(s))).toJSON()).toEqual(s.toJSON());
    expect(() => toScenario({ steps: [{ type: 'sing' }] })).toThrow(/steps\[0\]/);
  });

  it('builders do not mutate the scenario they extend', () => {
    const base = scenario().reply('A');
    base.reply('B');
    expect(base.steps).toHaveLength(1);
  });
});

describe('session config', () => {
  it('merges only present fields, null clears, turn detection gets defaults for its type', () => {
    const merged = mergeSessionConfig(defaultSessionConfig(), {
      instructions: '',
      audio: { input: { turn_detection: { type: 'semantic_vad' }, transcription: { model: 'whisper-1' } } },
    });
    expect(merged.instructions).toBe('');
    expect((merged.audio as { output: { voice: string } }).output.voice).toBe('alloy');
    expect(turnDetection(merged)).toMatchObject({ type: 'semantic_vad', create_response: true });
    const off = mergeSessionConfig(merged, { audio: { input: { turn_detection: null } } });
    expect(turnDetection(off)).toBeNull();
  });

  it('rejects bad values with an OpenAI-like param path', () => {
    expect(validateSessionPatch({ output_modalities: ['audio', 'text'] }, null)?.param).toBe(
      'session.output_modalities',
    );
    expect(validateSessionPatch({ audio: { output: { voice: 'robot' } } }, null)?.param).toBe(
      'session.audio.output.voice',
    );
    const cfg = defaultSessionConfig();
    expect(validateSessionPatch({ audio: { output: { voice: 'marin' } } }, cfg, true)?.code).toBe(
      'cannot_update_voice',
    );
  });
});

describe('faults', () => {
  it('use up their times, respect call targets and validate JSON', () => {
    const reg = new FaultRegistry();
    reg.add({ type: 'http_error', endpoint: 'calls', status: 500, times: 2 });
    reg.add({ type: 'server_error', when: 'session_created' }, { callId: 'rtc_a' });
    const isHttp = (f: { type: string }) => f.type === 'http_error';
    expect(reg.take(isHttp)).toBeDefined();
    expect(reg.take(isHttp)).toBeDefined();
    expect(reg.take(isHttp)).toBeUndefined();
    expect(reg.take((f) => f.type === 'server_error', 'rtc_b')).toBeUndefined();
    expect(reg.take((f) => f.type === 'server_error', 'rtc_a')).toBeDefined();
    expect(() => toFault({ type: 'http_error', endpoint: 'calls', status: 200 })).toThrow(/status/);
    expect(triggerMatches({ afterEvents: 3 }, { afterEvents: 3 }, 3)).toBe(true);
    expect(triggerMatches('mid_response', 'session_created', 0)).toBe(false);
  });
});

describe('speech synthesis', () => {
  it('makes audible word bursts and splits transcripts like OpenAI deltas', () => {
    const pcm = synthesizeWord('hello,', 0);
    expect(frameRms(pcm.subarray(4800, 5760))).toBeGreaterThan(0.05);
    expect(transcriptDeltas('Hello there. How are you?')).toEqual(['Hello', ' there.', ' How', ' are', ' you?']);
  });
});
