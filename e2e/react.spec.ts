import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { emulator } from './support/harness';
import { readmeSnippet } from './support/readmeExample';
import { countOffers, holdVoiceTurn, recordMicrophone } from './support/voiceAgentContract';

test.describe('<VoiceAgent/> in real Chromium against the emulator', () => {
  test('in StrictMode one click opens exactly one connection, and unmounting frees the mic', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const sent = countOffers(page);
    await emulator(page).reset();
    await page.goto('/react-strict.html');
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    await page.evaluate(() => window.strictPage.mount());

    const root = page.locator('[data-talkwire="voice-agent"]');
    await expect(root).toHaveAttribute('data-status', 'idle');
    // StrictMode's development double render really happened, and mounting alone connects nothing.
    expect((await page.evaluate(() => window.strictPage.observed())).renders).toBe(2);
    expect(await emulator(page).calls()).toHaveLength(0);
    expect(sent.offers()).toBe(0);

    await root.locator('[data-talkwire="talk-button"]').click();
    await expect(root).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
    // A whole answer, so a second connection started by a doubled effect would have reached the emulator by now.
    await expect(root.locator('[role="log"] [data-role="assistant"]').first()).not.toBeEmpty({ timeout: 30_000 });

    expect(sent.offers()).toBe(1);
    expect(sent.keyRequests()).toBe(1);
    const calls = await emulator(page).calls();
    expect(calls.map((c) => c.state)).toEqual(['open']);
    const before = await page.evaluate(() => window.strictPage.observed());
    expect(before.streams).toBe(1);
    expect(before.peers).toEqual(['connected']);
    expect(before.tracks).toEqual(['live']);

    await page.evaluate(() => window.strictPage.unmount());
    await expect(root).toHaveCount(0);
    await expect
      .poll(() => page.evaluate(() => window.strictPage.observed()))
      .toMatchObject({ streams: 1, tracks: ['ended'], peers: ['closed'] });
    const after = await page.evaluate(() => window.strictPage.observed());
    expect(after.contexts.length).toBeGreaterThan(0);
    expect(after.contexts.every((state) => state === 'closed')).toBe(true);
    // The emulator saw the call end: it drops a call from /__emulator/calls once closed.
    await expect.poll(async () => (await emulator(page).calls()).map((c) => c.id)).toEqual([]);
    expect(sent.offers()).toBe(1);
    expect(errors).toEqual([]);
  });

  test("the README's App holds a full voice turn through the DOM contract, and hanging up frees the mic", async ({
    page,
  }) => {
    const app = readFileSync(new URL('./pages/react-readme-App.tsx', import.meta.url), 'utf8');
    expect(app, "e2e/pages/react-readme-App.tsx is the README's src/App.tsx, verbatim").toBe(
      readmeSnippet('embed/src/App.tsx'),
    );

    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await recordMicrophone(page);
    const sent = countOffers(page);
    await emulator(page).reset();
    await page.goto('/react-readme.html');

    const seen = await holdVoiceTurn(page, () => emulator(page).calls());
    console.log(
      `README page: levels in ${Math.round(seen.maxInputLevel * 100) / 100} out ${Math.round(seen.maxOutputLevel * 100) / 100}; agent ${seen.agentStates.join(' > ')}`,
    );
    expect(sent.offers()).toBe(1);
    expect(errors).toEqual([]);
  });
});
