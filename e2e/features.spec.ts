import { expect, test, type Page } from '@playwright/test';
import { emulator } from './support/harness';
import type { ScenarioData } from '../src/testing/scenario';
import { scenario } from '../src/testing/scenario';

async function openFeatures(
  page: Page,
  kit: 'none' | 'weather' | 'faulty',
  script?: Partial<ScenarioData>,
  options: Record<string, unknown> = {},
) {
  const emu = emulator(page);
  await emu.reset();
  if (script) await emu.scenario(script);
  await page.goto('/features.html');
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.evaluate(([k, o]) => window.features.create(k as 'none', o as object), [kit, options] as const);
  const failure = await page.evaluate(() => window.features.connect());
  expect(failure, JSON.stringify(await page.evaluate(() => window.features.observed().errors))).toBeNull();
  return emu;
}

const transcript = (page: Page) => page.evaluate(() => window.features.transcript());

test.describe('conversation features over WebRTC against the emulator', () => {
  test('a spoken request triggers a function call; the handler’s result comes back and the assistant speaks it', async ({
    page,
  }) => {
    const emu = await openFeatures(
      page,
      'weather',
      scenario()
        .hears('What is the weather in Paris?')
        .callFunction('get_weather', { city: 'Paris' })
        .reply('Here it is: {output}')
        .toJSON(),
    );
    // The fake microphone speaks; server VAD ends the turn and the model calls the tool.
    await expect
      .poll(
        async () =>
          (await transcript(page))
            .filter((e) => e.kind === 'message' && e.role === 'assistant' && e.final)
            .map((e) => e.text)
            .join('|'),
        {
          timeout: 40_000,
        },
      )
      .toContain('sunny');
    const entries = await transcript(page);
    const kinds = entries.map((e) => e.kind);
    expect(kinds.indexOf('function_call')).toBeGreaterThan(kinds.indexOf('message'));
    expect(kinds).toContain('function_call_output');
    const calls = await page.evaluate(() => window.features.toolCalls());
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ name: 'get_weather', status: 'completed', arguments: '{"city":"Paris"}' });
    // The call and its status render.
    await expect(page.locator('[data-talkwire="tool-call"][data-status="completed"]')).toContainText('get_weather');

    // What reached the server: the declared tool, then the output under the model's call_id.
    const callId = (await emu.calls())[0]!.id;
    const items = await emu.items(callId);
    const call = items.find((i) => i.type === 'function_call') as { call_id: string } | undefined;
    const output = items.find((i) => i.type === 'function_call_output') as
      { call_id: string; output: string } | undefined;
    expect(output?.call_id).toBe(call?.call_id);
    expect(JSON.parse(output!.output)).toEqual({ city: 'Paris', sky: 'sunny', celsius: 22 });
    const info = (await emu.calls())[0]!;
    expect(JSON.stringify(info.session)).toContain('get_weather');

    // The follow-up answer is spoken: audio starts after the tool output.
    const observed = await page.evaluate(() => window.features.observed());
    const afterOutput = observed.clientEvents.indexOf('conversation.item.create');
    expect(afterOutput).toBeGreaterThan(-1);
    expect(observed.clientEvents.slice(afterOutput)).toContain('response.create');
    await expect
      .poll(() => page.evaluate(() => window.features.observed().agentStates.includes('speaking')), { timeout: 15_000 })
      .toBe(true);
    expect(observed.errors).toEqual([]);
    expect(observed.unhandledRejections).toEqual([]);
    await page.evaluate(() => window.features.disconnect());
  });

  test('a throwing handler and invalid JSON arguments become error outputs; the conversation goes on', async ({
    page,
  }) => {
    const emu = await openFeatures(
      page,
      'faulty',
      scenario()
        .callFunction('explode', {})
        .reply('Recovered.')
        .callFunction('book', '{"people": 2,')
        .reply('Still here.')
        .toJSON(),
    );
    await page.evaluate(() => window.features.setTurnDetection('push_to_talk')); // the fake mic must not add turns
    await page.evaluate(() => window.features.sendText('Blow it up.'));
    await expect
      .poll(
        async () =>
          (await transcript(page)).some(
            (e) => e.role === 'assistant' && e.kind === 'message' && e.final && e.text.includes('Recovered'),
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    await page.evaluate(() => window.features.sendText('Book for two.'));
    await expect
      .poll(
        async () =>
          (await transcript(page)).some(
            (e) => e.role === 'assistant' && e.kind === 'message' && e.final && e.text.includes('Still here'),
          ),
        { timeout: 20_000 },
      )
      .toBe(true);

    const observed = await page.evaluate(() => window.features.observed());
    expect(observed.toolErrors.map((e) => `${e.name}:${e.status}`)).toEqual(['explode:failed', 'book:failed']);
    expect(observed.errors.map((e) => e.code)).toEqual(['tool_failed', 'tool_failed']);
    const items = await emu.items((await emu.calls())[0]!.id);
    const outputs = items
      .filter((i) => i.type === 'function_call_output')
      .map((i) => JSON.parse((i as unknown as { output: string }).output) as { error: string });
    expect(outputs[0]!.error).toContain('database is down');
    expect(outputs[1]!.error).toMatch(/not valid JSON/);
    expect((await page.evaluate(() => window.features.state())).status).toBe('connected');
    await page.evaluate(() => window.features.disconnect());
  });

  test('push-to-talk by keyboard: nothing is committed while the key is held, one turn on release', async ({
    page,
  }) => {
    const emu = await openFeatures(page, 'none', scenario().reply('Heard you on release.').toJSON());
    await page.evaluate(() => window.features.setTurnDetection('push_to_talk'));
    await expect
      .poll(() => page.evaluate(() => window.features.state().session?.audio?.input?.turn_detection === null))
      .toBe(true);
    // The fake mic keeps talking; with VAD off and the key up it produces no turn.
    await page.waitForTimeout(2_500);
    expect((await transcript(page)).filter((e) => e.role === 'user')).toEqual([]);

    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.down('Space');
    await expect(page.locator('[data-talkwire="push-to-talk-button"]')).toHaveAttribute('data-state', 'talking');
    await page.waitForTimeout(1_500);
    let observed = await page.evaluate(() => window.features.observed());
    const sinceSwitch = observed.serverEvents.slice(observed.serverEvents.indexOf('session.updated'));
    expect(sinceSwitch).not.toContain('input_audio_buffer.committed');
    expect(sinceSwitch).not.toContain('input_audio_buffer.speech_started');
    expect((await transcript(page)).filter((e) => e.role === 'user')).toEqual([]);
    expect(observed.clientEvents).toContain('input_audio_buffer.clear');

    await page.keyboard.up('Space');
    await expect
      .poll(async () => (await transcript(page)).map((e) => `${e.role}:${e.kind}`).join(','), { timeout: 15_000 })
      .toMatch(/user:message,assistant:message/);
    observed = await page.evaluate(() => window.features.observed());
    expect(observed.serverEvents.filter((t) => t === 'input_audio_buffer.committed')).toHaveLength(1);
    const after = observed.clientEvents.slice(observed.clientEvents.lastIndexOf('input_audio_buffer.commit'));
    expect(after.slice(0, 2)).toEqual(['input_audio_buffer.commit', 'response.create']);
    const items = await emu.items((await emu.calls())[0]!.id);
    expect(items.filter((i) => i.type === 'message' && (i as { role?: string }).role === 'user')).toHaveLength(1);
    expect(observed.errors).toEqual([]);
    await page.evaluate(() => window.features.disconnect());
  });

  test('interrupt during speech: the played audio stops within 300 ms, the entry is incomplete, the agent listens', async ({
    page,
  }) => {
    const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    await openFeatures(page, 'none', scenario().reply(long).toJSON());
    await page.evaluate(() => window.features.setTurnDetection('push_to_talk'));
    await page.evaluate(() => window.features.sendText('Tell me a long story.'));
    const result = await page.evaluate(() => window.features.interruptAndMeasure(0.01, 1_500));
    console.log(
      `interrupt -> played audio silent: ${result.latencyMs.toFixed(0)} ms (loud before ${result.loudBefore.toFixed(3)})`,
    );
    // talkwire silenced the played track itself rather than waiting for the jitter buffer to drain.
    expect(await page.evaluate(() => window.features.remoteTracksEnabled())).toEqual([false]);
    expect(result.loudBefore).toBeGreaterThan(0.01);
    expect(result.loudAfterWindow).toBeLessThan(0.01);
    expect(result.latencyMs).toBeLessThan(300);

    await expect
      .poll(async () => (await transcript(page)).find((e) => e.role === 'assistant')?.status)
      .toBe('incomplete');
    await expect.poll(() => page.evaluate(() => window.features.state().agentState)).toBe('listening');
    const observed = await page.evaluate(() => window.features.observed());
    expect(observed.clientEvents).toEqual(expect.arrayContaining(['response.cancel', 'output_audio_buffer.clear']));
    expect(observed.errors).toEqual([]);
    await page.evaluate(() => window.features.disconnect());
  });

  test('a typed message gets an answer', async ({ page }) => {
    await openFeatures(page, 'none', scenario().otherwise('You wrote: {heard}').toJSON());
    await page.evaluate(() => window.features.setTurnDetection('push_to_talk'));
    const input = page.getByRole('textbox', { name: 'Type a message' });
    await expect(input).toBeEnabled();
    await input.fill('Hello from the keyboard');
    await input.press('Enter');
    await expect(input).toHaveValue('');
    await expect(
      page.locator('[data-talkwire="transcript-entry"][data-role="assistant"][data-final="true"]'),
    ).toContainText('You wrote: Hello from the keyboard', { timeout: 20_000 });
    const entries = await transcript(page);
    expect(entries[0]).toMatchObject({ role: 'user', text: 'Hello from the keyboard' });
    await page.evaluate(() => window.features.disconnect());
  });

  test('an MCP approval request renders a prompt; the answer reaches the server and the tool runs', async ({
    page,
  }) => {
    const emu = await openFeatures(
      page,
      'none',
      scenario()
        .requestMcpApproval('calendar', 'create_event', { when: '20:00' })
        .mcpCall('calendar', 'create_event', { when: '20:00' }, '{"created":true}')
        .toJSON(),
    );
    await page.evaluate(() => window.features.setTurnDetection('push_to_talk'));
    await page.evaluate(() => window.features.sendText('Book dinner at eight.'));
    const prompt = page.getByRole('group', { name: 'Allow calendar to run create_event?' });
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    await expect(prompt).toContainText('{"when":"20:00"}');
    const requestId = await prompt.getAttribute('data-request-id');
    await prompt.getByRole('button', { name: 'Allow' }).click();
    await expect(prompt).toBeHidden();

    const callId = (await emu.calls())[0]!.id;
    await expect
      .poll(async () => (await emu.items(callId)).find((i) => i.type === 'mcp_approval_response'))
      .toMatchObject({ type: 'mcp_approval_response', approval_request_id: requestId, approve: true });
    // The approved MCP call runs with its progress events and renders.
    await expect
      .poll(async () => (await transcript(page)).map((e) => `${e.kind}:${e.status}`).join(','), { timeout: 20_000 })
      .toMatch(/mcp_approval_request.*mcp_call:completed/);
    await expect(page.locator('[data-talkwire="transcript-entry"][data-kind="mcp_call"]')).toContainText(
      'calendar.create_event({"when":"20:00"}) -> {"created":true}',
    );
    const observed = await page.evaluate(() => window.features.observed());
    expect(observed.serverEvents).toEqual(
      expect.arrayContaining(['response.mcp_call.in_progress', 'response.mcp_call.completed']),
    );
    expect(observed.errors).toEqual([]);
    await page.evaluate(() => window.features.disconnect());
  });
  test('runtime session updates: a text-only session renders text deltas; a voice change after audio is a clear error', async ({
    page,
  }) => {
    await openFeatures(page, 'none', scenario().reply('Spoken first.').reply('Written in text only.').toJSON());
    await page.evaluate(() => window.features.setTurnDetection('push_to_talk'));
    await page.evaluate(() => window.features.sendText('Say something.'));
    await expect
      .poll(async () => (await transcript(page)).some((e) => e.role === 'assistant' && e.final), { timeout: 20_000 })
      .toBe(true);

    await page.evaluate(() => window.features.updateSession({ audio: { output: { voice: 'cedar' } } }));
    await expect
      .poll(() => page.evaluate(() => window.features.observed().errors.map((e) => e.serverCode)))
      .toContain('cannot_update_voice');
    const voiceError = (await page.evaluate(() => window.features.observed().errors)).find(
      (e) => e.serverCode === 'cannot_update_voice',
    );
    expect(voiceError?.message).toMatch(/set audio\.output\.voice in options\.session before connecting/);
    expect((await page.evaluate(() => window.features.state())).status).toBe('connected');

    await page.evaluate(() =>
      window.features.updateSession({ instructions: 'Answer in writing.', output_modalities: ['text'] }),
    );
    await expect.poll(() => page.evaluate(() => window.features.state().session?.output_modalities)).toEqual(['text']);
    expect((await page.evaluate(() => window.features.state())).session?.instructions).toBe('Answer in writing.');
    await page.evaluate(() => window.features.sendText('And now?'));
    await expect(
      page.locator('[data-talkwire="transcript-entry"][data-role="assistant"][data-final="true"]').last(),
    ).toContainText('Written in text only.', {
      timeout: 20_000,
    });
    const observed = await page.evaluate(() => window.features.observed());
    expect(observed.serverEvents).toContain('response.output_text.delta');
    await expect.poll(() => page.evaluate(() => window.features.state().usage.responses)).toBe(2);
    const usage = (await page.evaluate(() => window.features.state())).usage;
    expect(usage.outputAudioTokens).toBeGreaterThan(0);
    expect(usage.totalTokens).toBeGreaterThan(usage.outputTokens);
    await page.evaluate(() => window.features.disconnect());
  });
});
