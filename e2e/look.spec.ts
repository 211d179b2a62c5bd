import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { AgentShot } from './pages/look';

// Screenshots of every look of the widget, in the project's Chromium. The page fixes levels and the visualizer's
// clock; Playwright stops CSS animations and hides the caret; the font is pinned in the page. Baselines live in
// e2e/__screenshots__ (update with `npx playwright test e2e/look.spec.ts --update-snapshots` and look at them).

const themes = ['light', 'dark'] as const;
const cardStates: AgentShot['scenario'][] = [
  'idle',
  'connecting',
  'listening',
  'userSpeaking',
  'thinking',
  'speaking',
  'answered',
  'muted',
  'reconnecting',
  'micDenied',
  'connectionLost',
  'serverError',
  'playbackBlocked',
  'ended',
  'functionCallRunning',
];

test.use({ viewport: { width: 560, height: 820 } });

async function open(page: Page): Promise<void> {
  await page.goto('/look.html');
  await page.waitForSelector('body[data-look-ready]');
}

/** Waits until every visible visualizer has drawn and the lazily loaded parts are in. */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('canvas[data-talkwire="agent-visualizer"]')].every(
      (canvas) => canvas.hasAttribute('data-drawn') || canvas.getClientRects().length === 0,
    ),
  );
  await page.evaluate(() => document.fonts.ready);
}

async function agent(page: Page, shot: AgentShot): Promise<Locator> {
  await page.evaluate((s) => window.look.agent(s), shot);
  if (shot.scenario === 'functionCallRunning') await page.waitForSelector('[data-talkwire="tool-calls"]');
  if (shot.layout === 'launcher') await page.waitForSelector('[data-talkwire="launcher-button"]');
  await settled(page);
  return page.locator('#stage');
}

async function axeClean(page: Page, name: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include('#stage').analyze();
  expect
    .soft(
      violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      name,
    )
    .toEqual([]);
}

const still = { animations: 'disabled', caret: 'hide' } as const;

test('card: every agent and connection state, light and dark, axe-clean', async ({ page }) => {
  test.setTimeout(120_000);
  await open(page);
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    for (const scenario of cardStates) {
      const stage = await agent(page, { scenario });
      await expect.soft(stage).toHaveScreenshot(`card-${scenario}-${theme}.png`, still);
      if (theme === 'light') await axeClean(page, `card ${scenario}`);
    }
  }
});

test('call stats: the overlay open on a poor connection, with its hint, light and dark, axe-clean', async ({
  page,
}) => {
  await open(page);
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate(() => window.look.stats());
    await page.waitForSelector('[data-talkwire="call-hint"]');
    await page.locator('details > summary').click();
    await settled(page);
    await expect.soft(page.locator('#stage')).toHaveScreenshot(`card-stats-${theme}.png`, still);
    if (theme === 'light') await axeClean(page, 'card stats');
  }
});

test('bar: one row in each connection state, light and dark, axe-clean', async ({ page }) => {
  await open(page);
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    for (const scenario of ['idle', 'connecting', 'listening', 'speaking', 'muted', 'micDenied'] as const) {
      const stage = await agent(page, { scenario, layout: 'bar' });
      await expect.soft(stage).toHaveScreenshot(`bar-${scenario}-${theme}.png`, still);
      if (theme === 'dark') await axeClean(page, `bar ${scenario}`);
    }
  }
});

test('launcher: closed, closed on a call, open; light and dark, axe-clean', async ({ page }) => {
  await page.setViewportSize({ width: 480, height: 760 });
  await open(page);
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    for (const [name, shot] of [
      ['closed', { scenario: 'idle', layout: 'launcher' }],
      ['on-call', { scenario: 'speaking', layout: 'launcher' }],
      ['open', { scenario: 'speaking', layout: 'launcher', open: true }],
    ] as const) {
      await agent(page, shot);
      await expect.soft(page).toHaveScreenshot(`launcher-${name}-${theme}.png`, still);
      await axeClean(page, `launcher ${name} ${theme}`);
    }
  }
});

test('launcher from the keyboard: focus moves in on open, Escape closes and returns focus, the call goes on', async ({
  page,
}) => {
  await open(page);
  await agent(page, { scenario: 'listening', layout: 'launcher' });
  const launcher = page.locator('[data-talkwire="launcher-button"]');
  const panel = page.getByRole('dialog', { name: 'Voice assistant' });
  await expect(panel).toBeHidden();
  await expect(launcher).toHaveAttribute('data-state', 'on-call');
  await expect(launcher).toHaveAccessibleName(/Open voice assistant\s*On call/);
  await page.keyboard.press('Tab');
  await expect(launcher).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toBeVisible();
  await expect(launcher).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('[data-talkwire="talk-button"]')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Mute microphone' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(launcher).toBeFocused();
  await expect(launcher).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('[data-talkwire="voice-agent"]')).toHaveAttribute('data-status', 'connected');
  // The close button does the same as Escape.
  await page.keyboard.press('Space');
  await expect(panel).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(panel).toBeHidden();
  await expect(launcher).toBeFocused();
});

test('visualizer variants in every state, light and dark', async ({ page }) => {
  // The grid is wider than the card's viewport; a visualizer off screen does not draw, so all of it must fit.
  await page.setViewportSize({ width: 800, height: 820 });
  await open(page);
  for (const theme of themes) {
    await page.emulateMedia({ colorScheme: theme });
    await page.evaluate(() => window.look.visualizers());
    await page.waitForFunction(() => document.querySelectorAll('canvas[data-drawn]').length === 18);
    // A canvas resized after its first frame is cleared and repainted on the next animation frame: let it land.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    await page.waitForTimeout(200);
    await expect.soft(page.locator('#stage')).toHaveScreenshot(`visualizers-${theme}.png`, still);
  }
});

test('primitives outside <VoiceAgent/>: data-theme on an ancestor wins over the OS theme, light and dark', async ({
  page,
}) => {
  await open(page);
  for (const theme of themes) {
    // The OS says the opposite; the ancestor's data-theme must win.
    await page.emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light' });
    await page.evaluate((t) => window.look.primitives(t), theme);
    await settled(page);
    const themed = page.locator('.themed');
    const bubble = themed.locator('[data-talkwire="transcript-entry"][data-role="assistant"]');
    expect(await bubble.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      theme === 'light' ? 'rgb(243, 244, 248)' : 'rgb(35, 37, 45)',
    );
    await expect.soft(themed).toHaveScreenshot(`primitives-${theme}.png`, still);
    await axeClean(page, `primitives ${theme}`);
  }
});

test('right-to-left, forced colors, and variables set on :root', async ({ page }) => {
  await open(page);
  await agent(page, { scenario: 'answered', dir: 'rtl' });
  await expect.soft(page.locator('#stage')).toHaveScreenshot('card-answered-rtl.png', still);
  await page.emulateMedia({ forcedColors: 'active' });
  await agent(page, { scenario: 'speaking' });
  await expect.soft(page.locator('#stage')).toHaveScreenshot('card-speaking-forced-colors.png', still);
  await page.emulateMedia({ forcedColors: 'none' });
  await page.evaluate(() => document.documentElement.style.setProperty('--talkwire-accent', 'rgb(200, 30, 90)'));
  await agent(page, { scenario: 'idle' });
  const talk = page.locator('[data-talkwire="talk-button"]');
  expect(await talk.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(200, 30, 90)');
});

test('the visualizer redraws from levels at frame rate with zero React commits, and sizes to the device pixels', async ({
  page,
}) => {
  await page.setViewportSize({ width: 560, height: 820 });
  await open(page);
  await page.evaluate(() => window.look.live());
  await settled(page);
  const canvas = page.locator('canvas[data-talkwire="agent-visualizer"]');
  await expect(canvas).toHaveAttribute('data-state', 'listening');
  const size = await canvas.evaluate((c: HTMLCanvasElement) => [c.width, c.clientWidth, devicePixelRatio]);
  expect(size[0]).toBe(Math.round(size[1]! * size[2]!));
  // A call's on-demand parts (the weak-connection hint and its watcher) land after mount: wait until they have.
  await expect
    .poll(async () => {
      const at = await page.evaluate(() => window.look.commits());
      await page.waitForTimeout(300);
      return (await page.evaluate(() => window.look.commits())) - at;
    })
    .toBe(0);
  const before = await page.evaluate(() => window.look.commits());
  const seen = new Set<number>();
  for (let i = 0; i < 20; i++) {
    await page.evaluate((level) => window.look.setLevels(level, 0), (i % 5) / 5);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    seen.add(await page.evaluate(() => window.look.pixels()));
  }
  expect(seen.size).toBeGreaterThan(5);
  expect(await page.evaluate(() => window.look.commits())).toBe(before);
});

test('the transcript stops following when the reader scrolls up, offers "Jump to latest", and jumps', async ({
  page,
}) => {
  await open(page);
  await page.evaluate(() => window.look.live('longTranscript'));
  const log = page.getByRole('log');
  const atBottom = () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 2);
  await expect.poll(atBottom).toBe(true);
  await log.evaluate((el) => el.scrollTo({ top: 0 }));
  // The reader's scroll is seen from its scroll event, which comes with the next frame.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.evaluate(() => window.look.say('One more question.'));
  const jump = page.getByRole('button', { name: 'Jump to latest' });
  await expect(jump).toBeVisible();
  expect(await log.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(jump).toHaveCSS('min-height', '44px');
  await jump.click();
  await expect.poll(atBottom).toBe(true);
  await expect(jump).toBeHidden();
  await expect(log.getByText('One more question.')).toBeInViewport();
});

test('the visualizer holds still under reduced motion and pauses in a hidden tab', async ({ page }) => {
  const frames = () =>
    page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const drawnWith = async (input: number) => {
    await page.evaluate((level) => window.look.setLevels(level, 0), input);
    await frames();
    await frames();
    return page.evaluate(() => window.look.pixels());
  };
  await open(page);

  await page.evaluate(() => window.look.live());
  await settled(page);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  const hidden = await drawnWith(0);
  expect(await drawnWith(0.9)).toBe(hidden);
  await page.evaluate(() => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  expect(await drawnWith(0.9)).not.toBe(hidden);

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.evaluate(() => window.look.live('muted'));
  await settled(page);
  const still = await drawnWith(0);
  expect(await drawnWith(0.9)).toBe(still);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
});
