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

  test('an image sent mid-call is answered', async ({ page }) => {
    const emu = emulator(page);
    await emu.reset();
    await emu.scenario(
      scenario()
        .hears('Can I show you something?')
        .reply('Sure, show me.')
        .seesImage('I see it: {width} by {height}.')
        .toJSON(),
    );
    await page.goto('/features.html');
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    await page.evaluate(() => window.features.create('none'));
    expect(await page.evaluate(() => window.features.connect())).toBeNull();
    // A voice turn first: the fake microphone speaks, server VAD ends the turn, the answer is spoken.
    await expect
      .poll(
        async () =>
          (await transcript(page)).some((e) => e.role === 'assistant' && e.final && e.text === 'Sure, show me.'),
        { timeout: 40_000 },
      )
      .toBe(true);
    await expect
      .poll(() => page.evaluate(() => window.features.observed().agentStates.includes('speaking')), { timeout: 15_000 })
      .toBe(true);
    // The looping fake microphone must not add turns of its own from here on.
    await page.evaluate(() => window.features.setTurnDetection('push_to_talk'));

    // "Look at this": a 1600x1200 frame of a live stream, scaled to 1024 on its longest side and sent as JPEG.
    const sent = await page.evaluate(() => window.features.sendFrame(1600, 1200, 'A yellow circle on blue'));
    expect(sent.code).toBeUndefined();
    const reply = page.locator('[data-talkwire="transcript-entry"][data-role="assistant"]', {
      hasText: 'I see it: 1024 by 768.',
    });
    await expect(reply).toHaveCount(1, { timeout: 20_000 });
    const thumbnail = page.locator(
      '[data-talkwire="transcript-entry"][data-role="user"] img[data-talkwire="transcript-image"]',
    );
    await expect(thumbnail).toHaveAttribute('alt', 'A yellow circle on blue');
    await expect(thumbnail).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
    expect(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1024);
    // The thumbnail comes before the reply.
    const entries = await transcript(page);
    const imageAt = entries.findIndex((e) => e.id === sent.id);
    expect(imageAt).toBeGreaterThan(-1);
    expect(entries[imageAt + 1]).toMatchObject({ role: 'assistant', text: 'I see it: 1024 by 768.' });

    // What reached the server: one JPEG data URL well under the data channel's limit.
    const items = await emu.items((await emu.calls())[0]!.id);
    const image = JSON.stringify(items.find((i) => (i as { id?: string }).id === sent.id));
    expect(image).toContain('data:image/jpeg;base64,');
    expect(image.length).toBeLessThan(160_000);

    // Undecodable input fails with invalid_image and sends nothing; the call goes on.
    const before = (await page.evaluate(() => window.features.observed().clientEvents)).length;
    expect(await page.evaluate(() => window.features.sendImageUrl('data:image/png;base64,bm90IGFuIGltYWdl'))).toEqual({
      code: 'invalid_image',
    });
    const after = await page.evaluate(() => window.features.observed().clientEvents);
    expect(after.slice(before)).not.toContain('conversation.item.create');
    expect(await page.evaluate(() => window.features.state().status)).toBe('connected');
    expect(await page.evaluate(() => window.features.observed().errors)).toEqual([]);
    expect(await page.evaluate(() => window.features.observed().unhandledRejections)).toEqual([]);
    await page.evaluate(() => window.features.disconnect());
  });

  test('every kind of image source is decoded, re-encoded as JPEG and sent; the rest fail with typed errors', async ({
    page,
  }) => {
    // A 1x1 PNG served over http, as an app's image URL would be.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    await page.route('**/e2e-pixel.png', (route) => route.fulfill({ body: png, contentType: 'image/png' }));
    const emu = await open(page, scenario().toJSON());
    const url = new URL('/e2e-pixel.png', page.url()).href;
    const results = await page.evaluate((u) => window.features.sendEachSource(u), url);
    for (const kind of ['file', 'canvas', 'bitmap', 'offscreen', 'img', 'dataUrl', 'blobUrl', 'http']) {
      expect(results[kind], kind).toHaveProperty('id');
    }
    expect(results.notAnImage).toEqual({ code: 'invalid_image' });
    expect(results.tooLarge).toEqual({ code: 'image_too_large' });
    const items = await emu.items((await emu.calls())[0]!.id);
    const sent = items.filter((i) => (i as { role?: string }).role === 'user') as unknown as Array<{
      content: Array<{ image_url: string }>;
    }>;
    expect(sent).toHaveLength(8);
    for (const item of sent) expect(item.content[0]!.image_url).toMatch(/^data:image\/jpeg;base64,\/9j\//);
    await expect(page.locator('img[data-talkwire="transcript-image"][alt="http"]')).toHaveCount(1);
    expect(await page.evaluate(() => window.features.observed().unhandledRejections)).toEqual([]);
    await page.evaluate(() => window.features.disconnect());
  });
});
