import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario, startRealtimeEmulator } from '../entries/testing.js';
import type { RealtimeEmulator } from '../entries/testing.js';
import { mintKey, readWav } from '../../test/support/rtcClient.js';
import { WsClient, to24k } from '../../test/support/wsClient.js';
import { IDLE_NOTE } from './engine/IdleTimeout.js';

// Every session setting as OpenAI documents it (GA `RealtimeSession`): accepted and echoed whole, refused with the
// error OpenAI sends for a wrong value; rate limits after each response; the idle timeout and its system note.

let emulator: RealtimeEmulator;
const clients: WsClient[] = [];

beforeAll(async () => {
  emulator = await startRealtimeEmulator();
});
afterEach(async () => {
  emulator.setScenario(scenario());
  clients.splice(0).forEach((c) => c.close());
  await new Promise((r) => setTimeout(r, 20));
});
afterAll(() => emulator.close());

/** The `n`th event of `type` (counting from 1), once it has arrived. */
async function nth(client: WsClient, type: string, n: number, timeoutMs = 5000) {
  const all = () => client.events.filter((e) => e.type === type);
  await client.waitFor(() => all().length >= n, timeoutMs);
  return all()[n - 1]!;
}

async function open(...args: Parameters<typeof WsClient.open>): Promise<WsClient> {
  const client = await WsClient.open(...args);
  clients.push(client);
  await client.waitFor('session.created');
  return client;
}

const everySetting = {
  type: 'realtime',
  audio: {
    input: {
      noise_reduction: { type: 'far_field' },
      turn_detection: {
        type: 'server_vad',
        silence_duration_ms: 900,
        idle_timeout_ms: 6000,
        interrupt_response: false,
      },
    },
    output: { voice: { id: 'voice_1234' }, speed: 1.2 },
  },
  tools: [
    {
      type: 'mcp',
      server_label: 'calendar',
      connector_id: 'connector_googlecalendar',
      authorization: 'token',
      require_approval: { always: { tool_names: ['create_event'] }, never: { read_only: true } },
      allowed_tools: { read_only: false, tool_names: ['create_event', 'list_events'] },
    },
  ],
  tracing: { workflow_name: 'support', group_id: 'g1', metadata: { tier: 'gold' } },
  truncation: { type: 'retention_ratio', retention_ratio: 0.8, token_limits: { post_instructions: 8000 } },
  prompt: { id: 'pmpt_1', version: '2', variables: { city: 'Paris' } },
  include: ['item.input_audio_transcription.logprobs'],
  reasoning: { effort: 'low' },
  parallel_tool_calls: false,
  max_output_tokens: 2048,
};

describe('emulator: every session setting', () => {
  it('accepts each and echoes it in session.updated, objects replaced whole (a new prompt drops the old variables)', async () => {
    const client = await open(emulator.url);
    client.send({ type: 'session.update', session: everySetting });
    const updated = (await client.waitFor('session.updated')).session as Record<string, unknown>;
    const { type: _type, ...rest } = everySetting;
    expect(updated).toMatchObject(rest);
    client.send({ type: 'session.update', session: { prompt: { id: 'pmpt_2' } } });
    const second = await nth(client, 'session.updated', 2);
    expect((second.session as { prompt: unknown }).prompt).toEqual({ id: 'pmpt_2' });
    client.send({
      type: 'session.update',
      session: { audio: { input: { turn_detection: { type: 'semantic_vad', eagerness: 'low' } } } },
    });
    const semantic = await nth(client, 'session.updated', 3);
    expect(semantic.session).toMatchObject({
      audio: { input: { turn_detection: { type: 'semantic_vad', eagerness: 'low' } } },
    });
    expect(client.types()).not.toContain('error');
  });

  const refusals: Array<[string, Record<string, unknown>, string, string]> = [
    [
      'an idle timeout under 5 s',
      { audio: { input: { turn_detection: { type: 'server_vad', idle_timeout_ms: 1000 } } } },
      'session.audio.input.turn_detection.idle_timeout_ms',
      'invalid_value',
    ],
    [
      'an idle timeout with semantic VAD',
      { audio: { input: { turn_detection: { type: 'semantic_vad', idle_timeout_ms: 6000 } } } },
      'session.audio.input.turn_detection.idle_timeout_ms',
      'unknown_parameter',
    ],
    [
      'an unknown eagerness',
      { audio: { input: { turn_detection: { type: 'semantic_vad', eagerness: 'eager' } } } },
      'session.audio.input.turn_detection.eagerness',
      'invalid_value',
    ],
    [
      'an unknown noise reduction',
      { audio: { input: { noise_reduction: { type: 'studio' } } } },
      'session.audio.input.noise_reduction.type',
      'invalid_value',
    ],
    [
      'a custom voice without id',
      { audio: { output: { voice: {} } } },
      'session.audio.output.voice.id',
      'missing_required_parameter',
    ],
    ['a speed over 1.5', { audio: { output: { speed: 3 } } }, 'session.audio.output.speed', 'invalid_value'],
    [
      'a retention ratio over 1',
      { truncation: { type: 'retention_ratio', retention_ratio: 1.5 } },
      'session.truncation.retention_ratio',
      'invalid_value',
    ],
    ['tracing of the wrong kind', { tracing: 'always' }, 'session.tracing', 'invalid_value'],
    ['a prompt without id', { prompt: { version: '1' } }, 'session.prompt.id', 'missing_required_parameter'],
    ['an unknown include', { include: ['item.audio'] }, 'session.include', 'invalid_value'],
    ['an unknown reasoning effort', { reasoning: { effort: 'max' } }, 'session.reasoning.effort', 'invalid_value'],
    [
      'parallel_tool_calls not a boolean',
      { parallel_tool_calls: 'yes' },
      'session.parallel_tool_calls',
      'invalid_type',
    ],
    ['max_output_tokens over 4096', { max_output_tokens: 5000 }, 'session.max_output_tokens', 'invalid_value'],
    [
      'an MCP tool with neither server_url nor connector_id',
      { tools: [{ type: 'mcp', server_label: 'x' }] },
      'session.tools[0]',
      'missing_required_parameter',
    ],
    [
      'an unknown connector',
      { tools: [{ type: 'mcp', server_label: 'x', connector_id: 'connector_fax' }] },
      'session.tools[0].connector_id',
      'invalid_value',
    ],
    [
      'an approval filter of the wrong shape',
      {
        tools: [
          {
            type: 'mcp',
            server_label: 'x',
            server_url: 'https://mcp.example',
            require_approval: { always: { tool_names: 'all' } },
          },
        ],
      },
      'session.tools[0].require_approval.always.tool_names',
      'invalid_type',
    ],
  ];

  it.each(refusals)(
    'refuses %s with an error naming the parameter, and keeps the session as it was',
    async (_what, patch, param, code) => {
      const client = await open(emulator.url);
      client.send({ type: 'session.update', event_id: 'evt_bad', session: { type: 'realtime', ...patch } });
      const error = await client.waitFor('error');
      expect(error.error).toMatchObject({ param, code, event_id: 'evt_bad' });
      expect(client.types()).not.toContain('session.updated');
      const call = emulator.calls.list().find((c) => c.transport === 'websocket')!;
      expect(call.session).toMatchObject({ truncation: 'auto', prompt: null, include: null });
    },
  );
});

describe('emulator: rate limits and the idle timeout', () => {
  async function textTurn(client: WsClient): Promise<void> {
    client.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
    });
    client.send({ type: 'response.create' });
    await client.waitFor('rate_limits.updated', 8000);
  }

  it('rate_limits.updated follows each response.done, its remaining tokens falling', async () => {
    const client = await open(emulator.url);
    client.send({ type: 'session.update', session: { type: 'realtime', output_modalities: ['text'] } });
    await textTurn(client);
    const types = client.types();
    expect(types.indexOf('rate_limits.updated')).toBe(types.indexOf('response.done') + 1);
    client.send({ type: 'response.create' });
    const second = await nth(client, 'rate_limits.updated', 2, 8000);
    const first = await nth(client, 'rate_limits.updated', 1);
    const tokens = (e: typeof first) =>
      (e.rate_limits as Array<{ name: string; limit: number; remaining: number }>)[0]!;
    expect(tokens(first)).toMatchObject({ name: 'tokens', limit: 15_000_000 });
    expect(tokens(second).remaining).toBeLessThan(tokens(first).remaining);
    // An out-of-band response spends tokens too.
    client.send({ type: 'response.create', response: { conversation: 'none', instructions: 'Sum up.' } });
    const third = await nth(client, 'rate_limits.updated', 3, 8000);
    expect(tokens(third).remaining).toBeLessThan(tokens(second).remaining);
  });

  it('idle_timeout_ms after a response: timeout_triggered, the system note, the silence committed and answered', async () => {
    emulator.setScenario(scenario().reply('Hello.').reply('Are you still there?'));
    const client = await open(emulator.url);
    client.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        output_modalities: ['text'],
        audio: {
          input: {
            transcription: { model: 'gpt-4o-mini-transcribe' },
            turn_detection: { type: 'server_vad', idle_timeout_ms: 5000 },
          },
        },
      },
    });
    await textTurn(client);
    const doneAt = Date.now();
    const timeout = await client.waitFor('input_audio_buffer.timeout_triggered', 8000);
    expect(Date.now() - doneAt).toBeGreaterThanOrEqual(4900);
    expect((timeout.audio_end_ms as number) - (timeout.audio_start_ms as number)).toBe(5000);
    const nudge = await nth(client, 'response.done', 2, 3000);
    const after = client.events.slice(client.events.indexOf(timeout));
    const note = after.find((e) => e.type === 'conversation.item.added')!.item as {
      id: string;
      role: string;
      content: Array<{ text: string }>;
    };
    expect(note.role).toBe('system');
    expect(note.content[0]!.text).toBe(IDLE_NOTE);
    const committed = after.find((e) => e.type === 'input_audio_buffer.committed')!;
    expect(committed).toMatchObject({ item_id: timeout.item_id, previous_item_id: note.id });
    const transcript = after.find((e) => e.type === 'conversation.item.input_audio_transcription.completed')!;
    expect(transcript).toMatchObject({ item_id: timeout.item_id, transcript: '' });
    expect(
      (nudge.response as { output: Array<{ content: Array<{ text: string }> }> }).output[0]!.content[0]!.text,
    ).toBe('Are you still there?');
  }, 15_000);

  it('input transcription carries logprobs when the session includes them', async () => {
    emulator.setScenario(scenario().hears('What is the weather in Paris?').reply('Sunny.'));
    const ek = await mintKey(emulator.apiBaseUrl, {
      audio: { input: { transcription: { model: 'gpt-4o-mini-transcribe' } } },
      include: ['item.input_audio_transcription.logprobs'],
    });
    const client = await open(emulator.url, { ek });
    await client.appendAudio(to24k(readWav(new URL('../../e2e/fixtures/speech.wav', import.meta.url))), 100);
    const completed = await client.waitFor('conversation.item.input_audio_transcription.completed', 10_000);
    const logprobs = completed.logprobs as Array<{ token: string; logprob: number; bytes: number[] }>;
    expect(logprobs.map((l) => l.token).join('')).toBe('What is the weather in Paris?');
    expect(logprobs.every((l) => l.logprob <= 0 && l.bytes.length > 0)).toBe(true);
    const delta = client.events.find((e) => e.type === 'conversation.item.input_audio_transcription.delta')!;
    expect(delta.logprobs).toHaveLength(1);
  }, 15_000);
});
