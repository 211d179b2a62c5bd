import { expect, type Page } from '@playwright/test';
import { emulator } from './harness';

/** Page errors (uncaught exceptions) seen since `openAgent`. */
const pageErrors = new WeakMap<Page, string[]>();

/**
 * Opens <VoiceAgent/> on the harness page's instrumented session (fresh emulator). `options` are plain
 * session options (JSON); pass functions by evaluating in the page instead.
 */
export async function openAgent(page: Page, options: Record<string, unknown> = {}): Promise<void> {
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(error.message));
  await emulator(page).reset();
  await page.goto('/voice-agent.html');
  await page.waitForSelector('body[data-agent-ready="true"]', { state: 'attached' });
  await page.evaluate((o) => window.harness.create(o), options);
  await page.evaluate(() => window.agentPage.mountHarness());
  await page.waitForSelector('[data-talkwire="voice-agent"]');
}

export function errorsOf(page: Page): string[] {
  return pageErrors.get(page) ?? [];
}

/** The banner shows `code`, the store holds it, nothing is left open, nothing went unhandled. */
export async function expectEndedWith(page: Page, code: string, status: 'failed' | 'closed' = 'failed'): Promise<void> {
  await expect.poll(() => page.evaluate(() => window.harness.state().status), { timeout: 30_000 }).toBe(status);
  const state = await page.evaluate(() => window.harness.state());
  expect(state.lastError?.code).toBe(code);
  await expect(page.locator('[data-talkwire="error-banner"]')).toHaveAttribute('data-code', code);
  await expect(page.locator('[data-talkwire="error-banner"]')).not.toBeEmpty();
  await expect
    .poll(() => page.evaluate(() => window.harness.leftovers()))
    .toMatchObject({ liveTracks: 0, openPeers: 0, openContexts: 0, playingElements: 0 });
  const observed = await page.evaluate(() => window.harness.observed());
  expect(observed.unhandledRejections).toEqual([]);
  expect(errorsOf(page)).toEqual([]);
}

/** After a failure, with faults cleared, the same session connects again and clears the banner. */
export async function expectNextConnectWorks(page: Page): Promise<void> {
  await emulator(page).reset();
  expect(await page.evaluate(() => window.harness.connect())).toBeNull();
  expect((await page.evaluate(() => window.harness.state())).status).toBe('connected');
  await expect(page.locator('[data-talkwire="error-banner"]')).toHaveAttribute('data-state', 'none');
  await page.evaluate(() => window.harness.disconnect());
  expect(await page.evaluate(() => window.harness.leftovers())).toMatchObject({
    liveTracks: 0,
    openPeers: 0,
    openContexts: 0,
  });
}

/** Waits for a reply to a typed message (the call is alive and answering). */
export async function expectAnswers(page: Page, text = 'Are you there?'): Promise<void> {
  const before = await page.evaluate(
    () => window.harness.observed().serverEvents.filter((t) => t === 'response.done').length,
  );
  await page.evaluate(async (t) => {
    const h = window.harness;
    h.interrupt();
    // Voice turns from the looping fake mic may hold a response; wait until none is active.
    const deadline = performance.now() + 15_000;
    while (performance.now() < deadline && h.state().agentState === 'thinking')
      await new Promise((r) => setTimeout(r, 50));
    h.sendText(t);
  }, text);
  await expect
    .poll(
      () => page.evaluate(() => window.harness.observed().serverEvents.filter((t) => t === 'response.done').length),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(before);
}
