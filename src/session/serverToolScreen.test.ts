import { describe, expect, it } from 'vitest';
import { createServerToolScreen } from './serverToolScreen.js';

const serverTool = {
  type: 'function',
  name: 'lookup_order',
  description: 'Reads the order database',
  parameters: { type: 'object', properties: {} },
};
const pageTool = { type: 'function', name: 'show_map', description: 'Shows a map', parameters: { type: 'object' } };

function screen(own: string[] = ['show_map'], labels: string[] = []) {
  return createServerToolScreen(
    () => new Set(own),
    labels.map((label) => ({ type: 'mcp', server_label: label })),
  );
}

describe('createServerToolScreen', () => {
  it('keeps only the page’s own tools in session.created and session.updated', () => {
    const s = screen();
    const mcp = { type: 'mcp', server_label: 'docs', server_url: 'https://example.com/mcp' };
    const out = s({ type: 'session.updated', session: { type: 'realtime', tools: [serverTool, pageTool, mcp] } });
    expect(out).toEqual({ type: 'session.updated', session: { type: 'realtime', tools: [pageTool] } });
    expect(screen(['show_map'], ['docs'])({ type: 'session.created', session: { tools: [mcp, serverTool] } })).toEqual({
      type: 'session.created',
      session: { tools: [mcp] },
    });
    const plain = { type: 'session.updated', session: { type: 'realtime', tools: [pageTool] } };
    expect(s(plain)).toBe(plain);
  });

  it('drops a server tool’s call, arguments and output, and places the next item where it belongs', () => {
    const s = screen();
    const call = { id: 'fc1', type: 'function_call', call_id: 'c1', name: 'lookup_order', arguments: '{"ref":"Z"}' };
    expect(s({ type: 'response.output_item.added', response_id: 'r1', item: { ...call, arguments: '' } })).toBeNull();
    expect(s({ type: 'conversation.item.added', previous_item_id: 'u1', item: call })).toBeNull();
    expect(
      s({ type: 'response.function_call_arguments.delta', item_id: 'fc1', call_id: 'c1', delta: '{"ref"' }),
    ).toBeNull();
    expect(
      s({ type: 'response.function_call_arguments.done', item_id: 'fc1', call_id: 'c1', arguments: '{}' }),
    ).toBeNull();
    expect(s({ type: 'conversation.item.done', item: call })).toBeNull();
    const done = {
      type: 'response.done',
      response: { id: 'r1', output: [call, { id: 'm0', type: 'message', role: 'assistant', content: [] }] },
    };
    expect(s(done)).toEqual({
      type: 'response.done',
      response: { id: 'r1', output: [{ id: 'm0', type: 'message', role: 'assistant', content: [] }] },
    });
    const output = { id: 'fo1', type: 'function_call_output', call_id: 'c1', output: '{"secret":"x"}' };
    expect(s({ type: 'conversation.item.added', previous_item_id: 'fc1', item: output })).toBeNull();
    expect(s({ type: 'conversation.item.done', previous_item_id: 'fc1', item: output })).toBeNull();
    const reply = { id: 'm1', type: 'message', role: 'assistant', content: [] };
    expect(s({ type: 'conversation.item.added', previous_item_id: 'fo1', item: reply })).toEqual({
      type: 'conversation.item.added',
      previous_item_id: 'u1',
      item: reply,
    });
    expect(s({ type: 'input_audio_buffer.committed', item_id: 'u2', previous_item_id: 'fo1' })).toMatchObject({
      previous_item_id: 'u1',
    });
    expect(s({ type: 'conversation.item.deleted', item_id: 'fc1' })).toBeNull();
  });

  it('leaves the page’s own tools, other items and other events alone', () => {
    const s = screen();
    const call = { id: 'fc2', type: 'function_call', call_id: 'c2', name: 'show_map', arguments: '{}' };
    const added = { type: 'conversation.item.added', previous_item_id: null, item: call };
    expect(s(added)).toBe(added);
    const args = { type: 'response.function_call_arguments.done', item_id: 'fc2', call_id: 'c2', name: 'show_map' };
    expect(s(args)).toBe(args);
    const output = {
      type: 'conversation.item.added',
      item: { id: 'fo2', type: 'function_call_output', call_id: 'c2' },
    };
    expect(s(output)).toBe(output);
    const delta = { type: 'response.output_audio_transcript.delta', delta: 'hi' };
    expect(s(delta)).toBe(delta);
    expect(s('not an event')).toBe('not an event');
  });

  it('recognises a call only by its arguments.done name, and reads the page’s tools on every event', () => {
    const own = new Set(['show_map']);
    const s = createServerToolScreen(() => own);
    expect(
      s({ type: 'response.function_call_arguments.done', item_id: 'fc3', call_id: 'c3', name: 'secret' }),
    ).toBeNull();
    expect(
      s({ type: 'conversation.item.added', item: { id: 'fo3', type: 'function_call_output', call_id: 'c3' } }),
    ).toBeNull();
    own.add('lookup_order');
    const later = {
      type: 'conversation.item.added',
      item: { id: 'fc4', type: 'function_call', call_id: 'c4', name: 'lookup_order' },
    };
    expect(s(later)).toBe(later);
  });
});
