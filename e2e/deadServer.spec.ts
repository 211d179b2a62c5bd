import { expect, test, type Page } from '@playwright/test';
import { expectEndedWith, expectNextConnectWorks, openAgent } from './support/agentPage';
import { emulator } from './support/harness';

/** Records, in the page, when the last server event arrived and when the status left `connected`. */
async function watchForDeath(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { death: { lastEventAt: number; leftAt: number | null; status: string | null } };
    w.death = { lastEventAt: performance.now(), leftAt: null, status: null };
    const session = window.harness.session();
    session.on('server_event', () => {
      if (w.death.leftAt === null) w.death.lastEventAt = performance.now();
    });
    session.on('status', (status) => {
      if (w.death.leftAt === null && status !== 'connected') {
        w.death.leftAt = performance.now();
        w.death.status = status;
      }
    });
  });
}

/** Ms from the server's last event to the status leaving `connected`, and the status it moved to. */
async function timeToNotice(page: Page): Promise<{ ms: number; status: string }> {
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { death: { leftAt: number | null } }).death.leftAt), {
      timeout: 30_000,
    })
    .not.toBeNull();
  return page.evaluate(() => {
    const { death } = window as unknown as { death: { lastEventAt: number; leftAt: number; status: string } };
    return { ms: death.leftAt - death.lastEventAt, status: death.status };
  });
}

// The server's sockets go dead mid-response (incoming ICE checks unanswered, nothing sent: what a killed server
// or a cut cable looks like from the browser). Before the liveness check, the page said `connected` for 15.9 s.
test.describe('a dead server', () => {
  test('mid-response: connection_failed within about 5 s, everything freed', async ({ page }) => {
    await openAgent(page);
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.evaluate(() => window.harness.setMuted(true));
    await watchForDeath(page);
    await emulator(page).inject({ type: 'ice_pause', ms: 60_000, when: 'mid_response' });
    await page.evaluate(() => window.harness.sendText('Tell me something long.'));
    const { ms, status } = await timeToNotice(page);
    console.log(`dead server noticed ${ms.toFixed(0)} ms after its last event (status ${status})`);
    expect(status).toBe('failed');
    expect(ms).toBeLessThan(5_500);
    await expectEndedWith(page, 'connection_failed');
    expect((await page.evaluate(() => window.harness.state())).lastError?.message).toMatch(/stopped answering/);
    await expectNextConnectWorks(page);
  });

  test('on a quiet call, with reconnect on: reconnecting within about 5 s, then a new call', async ({ page }) => {
    await openAgent(page, { reconnect: { attempts: 2, backoff: 200 } });
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.evaluate(() => window.harness.setMuted(true));
    const [call] = await emulator(page).calls();
    await watchForDeath(page);
    await emulator(page).inject({ type: 'ice_pause', ms: 60_000 }, call!.id);
    const { ms, status } = await timeToNotice(page);
    console.log(`dead server on a quiet call noticed ${ms.toFixed(0)} ms after its last event (status ${status})`);
    expect(status).toBe('reconnecting');
    expect(ms).toBeLessThan(5_500);
    await expect.poll(() => page.evaluate(() => window.harness.state().status), { timeout: 20_000 }).toBe('connected');
    expect((await page.evaluate(() => window.harness.state())).callId).not.toBe(call!.id);
    await page.evaluate(() => window.harness.disconnect());
    expect(await page.evaluate(() => window.harness.leftovers())).toMatchObject({
      liveTracks: 0,
      openPeers: 0,
      openContexts: 0,
    });
  });

  test('no false alarm: a quiet connected call stays connected for 12 s', async ({ page }) => {
    test.setTimeout(60_000);
    await openAgent(page);
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.evaluate(() => window.harness.setMuted(true));
    // Over three times the silence threshold and about five consent checks: time enough for a false alarm to show.
    await page.waitForTimeout(12_000);
    const observed = await page.evaluate(() => window.harness.observed());
    expect(observed.statuses).toEqual(['connecting', 'connected']);
    expect(observed.warnings).toEqual([]);
    expect(observed.errors).toEqual([]);
    expect((await page.evaluate(() => window.harness.state())).status).toBe('connected');
    await page.evaluate(() => window.harness.disconnect());
  });
});
