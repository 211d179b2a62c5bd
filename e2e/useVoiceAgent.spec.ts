import { expect, test } from '@playwright/test';
import { emulator } from './support/harness';
import { countOffers, micTracks, recordMicrophone } from './support/voiceAgentContract';

test('useVoiceAgent under StrictMode holds a real voice turn; each callback fires once, in order', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await recordMicrophone(page);
  const sent = countOffers(page);
  await emulator(page).reset();
  await page.goto('/use-voice-agent.html');
  const root = page.locator('main');
  await expect(root).toHaveAttribute('data-status', 'idle');

  await page.getByRole('button', { name: 'Talk' }).click();
  await expect(root).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
  await expect(page.locator('[data-role="user"][data-final="true"]').first()).not.toBeEmpty({ timeout: 30_000 });
  await expect(page.locator('[data-role="assistant"][data-final="true"]').first()).not.toBeEmpty({ timeout: 30_000 });
  await expect.poll(async () => root.getAttribute('data-speaking')).toBe('false');
  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect(root).toHaveAttribute('data-status', 'closed');
  await expect.poll(async () => (await micTracks(page)).every((state) => state === 'ended')).toBe(true);

  const calls = await page.evaluate(() => window.voiceAgentCallbacks);
  expect(calls.slice(0, 3)).toEqual(['status:connecting', 'status:connected', 'connect']);
  expect(calls.slice(-2)).toEqual(['status:closed', 'disconnect']);
  const messages = calls.slice(3, -2);
  // Every message once: a repeat would mean StrictMode's double effects subscribed twice.
  expect(new Set(messages).size, calls.join('\n')).toBe(messages.length);
  expect(
    messages.every((entry) => /^message:(user|assistant):item_/.test(entry)),
    calls.join('\n'),
  ).toBe(true);
  const firstUser = messages.findIndex((entry) => entry.startsWith('message:user:'));
  const firstAssistant = messages.findIndex((entry) => entry.startsWith('message:assistant:'));
  expect(firstUser).toBeGreaterThanOrEqual(0);
  expect(firstAssistant).toBeGreaterThan(firstUser);
  // The rendered messages are the ones reported.
  const rendered = await page.locator('[role="log"] li[data-final="true"]').count();
  expect(messages.length).toBeGreaterThanOrEqual(rendered);
  expect(sent.offers()).toBe(1);
  expect(errors).toEqual([]);
});
