import { describe, expect, it } from 'vitest';
import { scenario, ScenarioCursor, toScenario } from './scenario.js';

describe('scenario placeholders and MCP call steps', () => {
  it('a reply step quotes the last function output; the fallback quotes typed text and the output', () => {
    const cursor = new ScenarioCursor(
      scenario().callFunction('f', {}).reply('Result: {output}').otherwise('{n}: {heard} / {output}'),
    );
    expect(cursor.nextStep()).toMatchObject({ type: 'function_call', name: 'f' });
    cursor.noteOutput('{"ok":1}');
    expect(cursor.nextStep()).toEqual({ type: 'reply', text: 'Result: {"ok":1}' });
    cursor.noteHeard('typed words');
    expect(cursor.nextStep()).toEqual({ type: 'reply', text: '3: typed words / {"ok":1}' });
  });

  it('{output.key} quotes one field of a JSON object output, and nothing for a missing one', () => {
    const cursor = new ScenarioCursor(
      scenario().callFunction('f', {}).reply('Your order is {output.status}{output.nope}.').otherwise('{output.n}'),
    );
    cursor.nextStep();
    cursor.noteOutput('{"status":"shipped","note":"pallet 7"}');
    expect(cursor.nextStep()).toEqual({ type: 'reply', text: 'Your order is shipped.' });
    cursor.noteOutput('plain text');
    expect(cursor.nextStep()).toEqual({ type: 'reply', text: '' });
    cursor.noteOutput('{"n":3}');
    expect(cursor.nextStep()).toEqual({ type: 'reply', text: '3' });
  });

  it('mcpCall survives the JSON round trip posted to /__emulator/scenario', () => {
    const data = JSON.parse(
      JSON.stringify(scenario().mcpCall('calendar', 'create_event', { when: '20:00' }, 'done').toJSON()),
    ) as unknown;
    expect(toScenario(data).steps).toEqual([
      {
        type: 'mcp_call',
        server_label: 'calendar',
        name: 'create_event',
        arguments: '{"when":"20:00"}',
        output: 'done',
      },
    ]);
    expect(() => toScenario({ steps: [{ type: 'mcp_call' }] })).toThrow(
      /'mcp_call', server_label, name, arguments, output/,
    );
  });
});
