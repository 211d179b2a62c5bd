import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { emulator } from './support/harness';

const FIRST = 'Hello from the captions test.';
const SECOND = 'A second sentence follows.';

// The same dictation over both transports: WebRTC (the mic as an Opus track) and WebSocket (the mic as PCM
// appends on a socket opened at ?intent=transcription).
for (const transport of ['webrtc', 'websocket'] as const) {
  test.describe(`live captions in real Chromium against the emulator (${transport})`, () => {
    test(`dictation over ${transport === 'webrtc' ? 'WebRTC' : 'WebSocket'}: interim then final captions in order, each final announced once, never thinking`, async ({
      page,
    }) => {
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await emulator(page).reset();
      await emulator(page).scenario({ heard: [FIRST, SECOND] });
      await page.goto(`/captions.html?transport=${transport}`);
      await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
      const captions = page.locator('[data-talkwire="captions"]');
      await expect(captions).toHaveAttribute('data-state', 'empty');

      await page.click('#start');
      await expect(page.locator('.talkwire')).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
      const calls = await emulator(page).calls();
      expect(calls).toHaveLength(1);
      expect(calls[0]!).toMatchObject({ transport, session: { type: 'transcription' } });

      // The fake microphone plays the speech WAV in a loop: each pass is one turn.
      const finals = captions.locator('[data-talkwire="caption"][data-status="final"]');
      await expect(finals.nth(1)).toHaveText(SECOND, { timeout: 30_000 });
      await expect(finals.nth(0)).toHaveText(FIRST);

      const record = await page.evaluate(() => window.captionsPage);
      // Row 0 showed interim text (a proper prefix of the transcript, not yet final) before its final text.
      const row0 = record.shown.filter((s) => s.id === '0');
      const firstInterim = row0.findIndex((s) => s.status === 'interim' && s.text !== '…' && s.text.length > 0);
      const firstFinal = row0.findIndex((s) => s.status === 'final');
      expect(firstInterim).toBeGreaterThanOrEqual(0);
      expect(firstInterim).toBeLessThan(firstFinal);
      expect(FIRST.startsWith(row0[firstInterim]!.text.trim())).toBe(true);
      expect(row0[firstInterim]!.text.trim().length).toBeLessThan(FIRST.length);
      expect(row0[firstFinal]!.text).toBe(FIRST);
      // The live region received the finals once each, in order, and never interim text.
      expect(record.announced.slice(0, 2)).toEqual([FIRST, SECOND]);
      expect(record.announced.filter((t) => t === FIRST)).toHaveLength(1);
      expect(record.announced.every((t) => t === FIRST || t === SECOND || t.length > 0)).toBe(true);
      expect(record.announced.some((t) => FIRST.startsWith(t) && t !== FIRST)).toBe(false);
      // Interim text looks different from final text.
      expect(row0[firstInterim]!.fontStyle).toBe('italic');
      expect(row0[firstFinal]!.fontStyle).toBe('normal');
      // axe, colour contrast included, in the light and the dark theme (the markup does not depend on the transport).
      for (const scheme of transport === 'webrtc' ? (['light', 'dark'] as const) : []) {
        await page.emulateMedia({ colorScheme: scheme });
        const result = await new AxeBuilder({ page }).include('.talkwire').analyze();
        expect(
          result.violations.map((v) => `${scheme}: ${v.id} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        ).toEqual([]);
      }
      expect(record.agentStates).not.toContain('thinking');
      expect(
        await page.evaluate(() => document.querySelector('[data-talkwire="captions"]')!.getAttribute('aria-live')),
      ).toBeNull();

      // Nothing ever answered: no response events reached the emulator's call.
      const items = await emulator(page).items(calls[0]!.id);
      expect(items.every((item) => (item as { role?: string }).role === 'user')).toBe(true);

      await page.click('#stop');
      await expect(page.locator('.talkwire')).toHaveAttribute('data-status', 'closed');
      await expect.poll(async () => (await emulator(page).calls()).length).toBe(0);
      expect(errors).toEqual([]);
    });
  });
}
