import { describe, expect, it, vi } from 'vitest';
import type { ClientEvent } from '../../core/protocol/events.js';
import type { RealtimeError } from '../../core/errors.js';
import { createToolRunner, type ToolTimers } from './createToolRunner.js';
import { toolDefinitions, withToolDefinitions } from './toolDefinitions.js';
import { validateTools } from './validateTools.js';
import type { FunctionTool, ToolCallState } from './types.js';

/** A manual clock: timers fire only when the test advances it. */
function manualTimers() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: ToolTimers = {
    setTimeout(fn, ms) {
      const id = next++;
      pending.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(id) {
      pending.delete(id as number);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending]) {
      if (t.at <= now) {
        pending.delete(id);
        t.fn();
      }
    }
  };
  return { timers, advance, pending };
}

const flush = () => new Promise<void>((r) => setTimeout(r, 0));

function argsDone(callId: string, name: string, args: string, responseId = 'resp_1') {
  return {
    type: 'response.function_call_arguments.done',
    response_id: responseId,
    item_id: `item_${callId}`,
    output_index: 0,
    call_id: callId,
    name,
    arguments: args,
  };
}
function responseDone(id = 'resp_1', status = 'completed') {
  return { type: 'response.done', response: { id, status, output: [] } };
}

function setup(tools: FunctionTool[], extra: Partial<Parameters<typeof createToolRunner>[0]> = {}) {
  const sent: ClientEvent[] = [];
  const followUps: number[] = [];
  const errors: Array<{ error: RealtimeError; call: ToolCallState }> = [];
  const clock = manualTimers();
  const runner = createToolRunner({
    tools,
    send: (e) => sent.push(e),
    requestResponse: () => followUps.push(sent.length),
    onError: (error, call) => errors.push({ error, call }),
    timers: clock.timers,
    ...extra,
  });
  const outputs = () =>
    sent
      .filter((e) => e.type === 'conversation.item.create')
      .map((e) => (e as { item: { call_id: string; output: string } }).item)
      .map((i) => ({ callId: i.call_id, output: i.output }));
  return { runner, sent, followUps, errors, clock, outputs };
}

describe('createToolRunner', () => {
  it('runs the handler with parsed arguments, sends the output, then one response.create after response.done', async () => {
    const handler = vi.fn(async (args: { city: string }) => ({ city: args.city, sky: 'sunny' }));
    const { runner, followUps, outputs } = setup([{ name: 'get_weather', handler }]);
    runner.onServerEvent(argsDone('call_1', 'get_weather', '{"city":"Paris"}'));
    await flush();
    expect(handler).toHaveBeenCalledWith(
      { city: 'Paris' },
      expect.objectContaining({ callId: 'call_1', name: 'get_weather', itemId: 'item_call_1' }),
    );
    expect(outputs()).toEqual([{ callId: 'call_1', output: '{"city":"Paris","sky":"sunny"}' }]);
    expect(followUps).toEqual([]); // the response is still running
    runner.onServerEvent(responseDone());
    expect(followUps).toEqual([1]);
    expect(runner.getCalls()[0]).toMatchObject({ status: 'completed', output: '{"city":"Paris","sky":"sunny"}' });
  });

  it('sends string results as they are, and picks up the call once even when output_item.done repeats it', async () => {
    const { runner, outputs } = setup([{ name: 'echo', handler: () => 'plain text' }]);
    runner.onServerEvent(argsDone('c', 'echo', '{}'));
    runner.onServerEvent({
      type: 'response.output_item.done',
      response_id: 'resp_1',
      item: { type: 'function_call', id: 'item_c', call_id: 'c', name: 'echo', arguments: '{}', status: 'completed' },
    });
    await flush();
    expect(outputs()).toEqual([{ callId: 'c', output: 'plain text' }]);
  });

  it('several calls in one response: one follow-up, after every output is sent', async () => {
    let release!: () => void;
    const slow = new Promise<string>((r) => (release = () => r('slow done')));
    const { runner, followUps, outputs, sent } = setup([
      { name: 'fast', handler: () => 'fast done' },
      { name: 'slow', handler: () => slow },
    ]);
    runner.onServerEvent(argsDone('a', 'fast', '{}'));
    runner.onServerEvent(argsDone('b', 'slow', '{}'));
    runner.onServerEvent(responseDone());
    await flush();
    expect(outputs().map((o) => o.callId)).toEqual(['a']);
    expect(followUps).toEqual([]);
    release();
    await flush();
    expect(outputs().map((o) => o.callId)).toEqual(['a', 'b']);
    expect(followUps).toEqual([sent.length]);
  });

  it('concurrent calls run in parallel, not one after the other', async () => {
    const started: string[] = [];
    const gates: Array<() => void> = [];
    const tool = (name: string): FunctionTool => ({
      name,
      handler: () => {
        started.push(name);
        return new Promise<string>((r) => gates.push(() => r(name)));
      },
    });
    const { runner } = setup([tool('one'), tool('two'), tool('three')]);
    for (const [i, name] of ['one', 'two', 'three'].entries()) runner.onServerEvent(argsDone(`c${i}`, name, '{}'));
    await flush();
    expect(started).toEqual(['one', 'two', 'three']);
    expect(runner.getCalls().map((c) => c.status)).toEqual(['running', 'running', 'running']);
    gates.forEach((g) => g());
  });

  it('invalid JSON arguments: the model gets an error output, the handler never runs, the session is told', async () => {
    const handler = vi.fn();
    const { runner, outputs, errors, followUps } = setup([{ name: 'book', handler }]);
    runner.onServerEvent(argsDone('c', 'book', '{"people": 2,'));
    runner.onServerEvent(responseDone());
    await flush();
    expect(handler).not.toHaveBeenCalled();
    const output = JSON.parse(outputs()[0]!.output) as { error: string };
    expect(output.error).toMatch(/not valid JSON/);
    expect(errors[0]?.error.code).toBe('tool_failed');
    expect(errors[0]?.call.status).toBe('failed');
    expect(followUps).toHaveLength(1);
  });

  it('a throwing handler becomes an error output the model can read', async () => {
    const { runner, outputs, errors } = setup([
      {
        name: 'explode',
        handler: () => {
          throw new Error('database is down');
        },
      },
    ]);
    runner.onServerEvent(argsDone('c', 'explode', '{}'));
    await flush();
    expect(JSON.parse(outputs()[0]!.output)).toEqual({ error: 'The tool "explode" failed: database is down' });
    expect(errors).toHaveLength(1);
  });

  it('a handler past its timeout: aborted, timed-out output sent once, a late result is ignored', async () => {
    let signal: AbortSignal | undefined;
    let finish!: (v: string) => void;
    const { runner, outputs, errors, clock } = setup([
      {
        name: 'slow',
        timeoutMs: 500,
        handler: (_args, context) => {
          signal = context.signal;
          return new Promise<string>((r) => (finish = r));
        },
      },
    ]);
    runner.onServerEvent(argsDone('c', 'slow', '{}'));
    await flush();
    clock.advance(499);
    expect(outputs()).toEqual([]);
    clock.advance(1);
    expect(signal?.aborted).toBe(true);
    expect((JSON.parse(outputs()[0]!.output) as { error: string }).error).toMatch(/did not finish within 500 ms/);
    expect(runner.getCalls()[0]?.status).toBe('timed_out');
    expect(errors[0]?.error.message).toMatch(/timed out/);
    finish('too late');
    await flush();
    expect(outputs()).toHaveLength(1);
  });

  it('uses the session-wide timeout when the tool has none, and clears the timer when the handler finishes', async () => {
    const { runner, clock } = setup([{ name: 'quick', handler: async () => 'ok' }], { timeoutMs: 50 });
    runner.onServerEvent(argsDone('c', 'quick', '{}'));
    await flush();
    expect(clock.pending.size).toBe(0);
  });

  it('an unknown tool name gets an error output naming the tools there are', async () => {
    const { runner, outputs } = setup([{ name: 'known', handler: () => 1 }]);
    runner.onServerEvent(argsDone('c', 'unknown', '{}'));
    await flush();
    expect((JSON.parse(outputs()[0]!.output) as { error: string }).error).toMatch(/no tool named "unknown".*known/);
  });

  it('leaveUnknownTools: a call to a tool it does not have is left alone (no output, no follow-up, not listed)', async () => {
    const { runner, sent, followUps } = setup([{ name: 'known', handler: () => 1 }], { leaveUnknownTools: true });
    runner.onServerEvent(argsDone('c', 'server_only', '{}'));
    runner.onServerEvent(responseDone());
    await flush();
    expect(sent).toEqual([]);
    expect(followUps).toEqual([]);
    expect(runner.getCalls()).toEqual([]);
  });

  it('needsApproval: waits, runs after approve(); reject() tells the model the user declined', async () => {
    const handler = vi.fn(() => 'done');
    const { runner, outputs } = setup([{ name: 'pay', needsApproval: true, handler }]);
    runner.onServerEvent(argsDone('a', 'pay', '{"amount":5}'));
    runner.onServerEvent(argsDone('b', 'pay', '{"amount":500}'));
    await flush();
    expect(runner.getCalls().map((c) => c.status)).toEqual(['pending_approval', 'pending_approval']);
    expect(runner.approve('a')).toBe(true);
    expect(runner.reject('b', 'too expensive')).toBe(true);
    await flush();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(outputs()).toEqual([
      { callId: 'b', output: JSON.stringify({ error: 'The user declined to run "pay": too expensive' }) },
      { callId: 'a', output: 'done' },
    ]);
    expect(runner.getCalls().map((c) => c.status)).toEqual(['completed', 'declined']);
    expect(runner.approve('a')).toBe(false);
  });

  it('onToolCall sees each call first and can decline it', async () => {
    const handler = vi.fn(() => 'ran');
    const seen: string[] = [];
    const { runner, outputs } = setup([{ name: 't', handler }], {
      onToolCall: async (call) => {
        seen.push(call.arguments);
        return call.arguments.includes('bad') ? { approve: false, reason: 'not allowed' } : undefined;
      },
    });
    runner.onServerEvent(argsDone('a', 't', '{"x":"good"}'));
    runner.onServerEvent(argsDone('b', 't', '{"x":"bad"}'));
    await flush();
    expect(seen).toEqual(['{"x":"good"}', '{"x":"bad"}']);
    expect(handler).toHaveBeenCalledTimes(1);
    expect(outputs().find((o) => o.callId === 'b')?.output).toMatch(/declined.*not allowed/);
  });

  it('no follow-up response for a cancelled response; reset() aborts running handlers and sends nothing more', async () => {
    let signal: AbortSignal | undefined;
    const { runner, followUps, outputs } = setup([
      { name: 'quick', handler: () => 'ok' },
      {
        name: 'hang',
        handler: (_a, ctx) => {
          signal = ctx.signal;
          return new Promise(() => undefined);
        },
      },
    ]);
    runner.onServerEvent(argsDone('a', 'quick', '{}', 'resp_x'));
    runner.onServerEvent(responseDone('resp_x', 'cancelled'));
    await flush();
    expect(outputs()).toHaveLength(1);
    expect(followUps).toEqual([]);
    runner.onServerEvent(argsDone('b', 'hang', '{}', 'resp_y'));
    await flush();
    runner.reset();
    expect(signal?.aborted).toBe(true);
    expect(runner.getCalls()).toEqual([]);
    expect(outputs()).toHaveLength(1);
  });

  it('notifies subscribers with a new snapshot on each change', async () => {
    const { runner } = setup([{ name: 't', handler: () => 'x' }]);
    const snapshots: unknown[] = [];
    runner.subscribe(() => snapshots.push(runner.getCalls()));
    runner.onServerEvent(argsDone('a', 't', '{}'));
    await flush();
    expect(snapshots.length).toBeGreaterThanOrEqual(2);
    expect(new Set(snapshots).size).toBe(snapshots.length);
  });
});

describe('tool definitions', () => {
  const tools: FunctionTool[] = [
    {
      name: 'get_weather',
      description: 'Weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } } },
      handler: () => 1,
    },
  ];
  it('have the GA shape and keep other declared tools', () => {
    expect(toolDefinitions(tools)).toEqual([
      { type: 'function', name: 'get_weather', description: 'Weather', parameters: tools[0]!.parameters },
    ]);
    const mcp = { type: 'mcp' as const, server_label: 'docs', server_url: 'https://example.test/mcp' };
    expect(withToolDefinitions({ instructions: 'x', tools: [mcp] }, tools)?.tools).toEqual([
      mcp,
      ...toolDefinitions(tools),
    ]);
    expect(withToolDefinitions(undefined, [])).toBeUndefined();
  });
  it('validation names the problem', () => {
    expect(() => validateTools([...tools, ...tools])).toThrow(/unique/);
    expect(() => validateTools([{ name: 'x' } as FunctionTool])).toThrow(/handler/);
  });
});
