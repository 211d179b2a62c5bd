import { expect, test, type Page } from '@playwright/test';
import { emulator } from './support/harness';
import type { ScenarioData } from '../src/testing/scenario';
import { scenario } from '../src/testing/scenario';

async function open(page: Page, script: Partial<ScenarioData>) {
  const emu = emulator(page);
  await emu.reset();
  await emu.scenario(script);
  await page.goto('/features.html');
  await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
  await page.evaluate(() => window.features.create('none'));
  const failure = await page.evaluate(() => window.features.connect());
  expect(failure, JSON.stringify(await page.evaluate(() => window.features.observed().errors))).toBeNull();
  // The fake microphone must not add turns of its own.
  await page.evaluate(() => window.features.setTurnDetection('push_to_talk'));
  return emu;
}

const transcript = (page: Page) => page.evaluate(() => window.features.transcript());

test.describe('the conversation API over WebRTC against the emulator', () => {
  test('ask() returns while the agent is speaking, and the transcript is unchanged', async ({ page }) => {
    const emu = await open(
      page,
      scenario()
        .reply('Here is a long spoken answer that keeps going for quite a few words so it is still playing.')
        .answersAside('{"topic":"{instructions}"}')
        .toJSON(),
    );
    await page.evaluate(() => window.features.sendText('Tell me something long.'));
    await expect
      .poll(() => page.evaluate(() => window.features.state().agentState), { timeout: 20_000 })
      .toBe('speaking');
    const before = await transcript(page);
    const answer = await page.evaluate(() =>
      window.features.ask({ instructions: 'weather', json: true, metadata: { purpose: 'topic' } }),
    );
    expect(answer).toEqual({ topic: 'weather' });
    // Still speaking: the side question ran beside the spoken reply.
    expect(await page.evaluate(() => window.features.state().agentState)).toBe('speaking');
    const after = await transcript(page);
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    await expect(page.locator('[data-talkwire="transcript"]')).not.toContainText('topic');
    const items = await emu.items((await emu.calls())[0]!.id);
    expect(items.some((item) => JSON.stringify(item).includes('"topic"'))).toBe(false);
    expect(await page.evaluate(() => window.features.observed().errors)).toEqual([]);
    await page.evaluate(() => window.features.disconnect());
  });

  test('rate limits arrive after a reply and are kept in state', async ({ page }) => {
    await open(page, scenario().reply('Hello there.').toJSON());
    expect((await page.evaluate(() => window.features.state())).rateLimits).toEqual([]);
    await page.evaluate(() => window.features.sendText('Hi.'));
    await expect
      .poll(async () => (await page.evaluate(() => window.features.state())).rateLimits, { timeout: 20_000 })
      .toEqual([expect.objectContaining({ name: 'tokens', limit: 15_000_000 })]);
    await page.evaluate(() => window.features.disconnect());
  });

  test('a tool added mid-call is declared and called', async ({ page }) => {
    const emu = await open(
      page,
      scenario().reply('Hello.').callFunction('get_time', { zone: 'UTC' }).reply('It is {output}').toJSON(),
    );
    await page.evaluate(() => window.features.sendText('Hi.'));
    await expect
      .poll(
        async () => (await transcript(page)).some((e) => e.role === 'assistant' && e.final && e.text === 'Hello.'),
        { timeout: 20_000 },
      )
      .toBe(true);
    await page.evaluate(() => window.features.addTool('get_time'));
    await expect
      .poll(async () => JSON.stringify((await emu.calls())[0]!.session), { timeout: 10_000 })
      .toContain('get_time');
    await page.evaluate(() => window.features.sendText('What time is it?'));
    await expect
      .poll(() => page.evaluate(() => window.features.toolArgs()), { timeout: 20_000 })
      .toEqual([{ zone: 'UTC' }]);
    await expect
      .poll(
        async () =>
          (await transcript(page)).some(
            (e) => e.role === 'assistant' && e.final && e.text.includes('"from":"get_time"'),
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    await page.evaluate(() => window.features.disconnect());
  });

  test('the unheard tail of an interrupted reply is marked in the DOM', async ({ page }) => {
    await open(
      page,
      scenario()
        .reply(
          'This reply is long on purpose so that an interruption lands well before the last of these many words is ever played out loud.',
        )
        .toJSON(),
    );
    await page.evaluate(() => window.features.sendText('Talk for a while.'));
    // Interrupt once the agent is audible, as a user pressing stop would.
    await page.evaluate(() => window.features.interruptAndMeasure(0.01, 300));
    const row = page.locator('[data-talkwire="transcript-entry"][data-role="assistant"][data-heard="partial"]');
    await expect(row).toHaveCount(1, { timeout: 15_000 });
    const unheard = row.locator('[data-talkwire="transcript-unheard"]');
    await expect(unheard).toHaveAttribute('aria-hidden', 'true');
    expect((await unheard.textContent())!.trim().length).toBeGreaterThan(0);
    await expect(row.locator('[data-talkwire="transcript-interrupted"]')).toBeVisible();
    const entry = (await transcript(page)).find((e) => e.role === 'assistant')!;
    expect(entry.heard).toBeDefined();
    expect(entry.text.startsWith(entry.heard!)).toBe(true);
    expect(entry.heard!.length).toBeLessThan(entry.text.length);
    await page.evaluate(() => window.features.disconnect());
  });
});
