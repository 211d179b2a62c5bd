// The core flow in real Firefox: connect, turns with an audible reply, interrupt, device switch, hang-up that
// frees everything, reconnect, and a dead server noticed. Firefox's fake microphone is a continuous tone, which
// a VAD hears as endless speech, so turns here are typed or push-to-talk and the mic is muted otherwise.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'puppeteer-core';
import type { Fault } from '../../src/testing/faults';
import { startTestPages, type TestPages } from '../support/testPages';
import { launchFirefox } from './launchFirefox';
import { until } from '../support/until';

const port = Number(process.env.TALKWIRE_E2E_PORT ?? 5174);
let pages: TestPages;
let browser: Browser;
let page: Page;
let pageErrors: string[] = [];

async function control(path: string, body?: unknown): Promise<Response> {
  const response = await fetch(`${pages.emulatorUrl}/__emulator${path}`, {
    method: body === undefined && path !== '/reset' ? 'GET' : 'POST',
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
}
const inject = (fault: Fault, callId?: string) => control('/faults', { fault, ...(callId ? { callId } : {}) });
type CallInfo = { id: string; state: string; input: { frames: number; audibleFrames: number } };
const calls = async () => ((await (await control('/calls')).json()) as { calls: CallInfo[] }).calls;
const activeCalls = async () => (await calls()).filter((c) => c.state !== 'closed').length;
/** 20 ms frames above -60 dBFS the emulator decoded from the current call's microphone. */
const audibleFrames = async () => {
  const id = (await state()).callId;
  return (await calls()).find((c) => c.id === id)?.input.audibleFrames ?? 0;
};

const state = () => page.evaluate(() => window.harness.state());
const observed = () => page.evaluate(() => window.harness.observed());
const leftovers = () => page.evaluate(() => window.harness.leftovers());
const countOf = (type: string) =>
  page.evaluate((t) => window.harness.observed().serverEvents.filter((e) => e === t).length, type);

/** A fresh page with <VoiceAgent/> on the instrumented session, mic muted. */
async function open(options: Record<string, unknown> = {}): Promise<void> {
  await page?.close().catch(() => undefined);
  await control('/reset');
  page = await browser.newPage();
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String((error as Error).message ?? error)));
  await page.goto(`${pages.origin}/voice-agent.html`);
  await page.waitForSelector('body[data-agent-ready="true"]');
  await page.evaluate((o) => window.harness.create(o), options);
  await page.evaluate(() => {
    window.agentPage.mountHarness();
    window.harness.setMuted(true);
  });
}

/** A typed turn; resolves once its response is done. */
async function typedTurn(text: string): Promise<void> {
  const before = await countOf('response.done');
  await page.evaluate((t) => window.harness.sendText(t), text);
  await until(
    () => countOf('response.done'),
    (n) => n > before,
  );
}

async function expectAllFreed(): Promise<void> {
  const left = await until(leftovers, (l) => l.liveTracks === 0 && l.openPeers === 0 && l.openContexts === 0, 5_000);
  expect(left).toMatchObject({ liveTracks: 0, openPeers: 0, openContexts: 0, playingElements: 0 });
  await until(activeCalls, (n) => n === 0, 5_000);
}

beforeAll(async () => {
  pages = await startTestPages(port);
  browser = await launchFirefox();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
});

beforeEach(() => {
  pageErrors = [];
});

describe('Firefox', () => {
  it('connects, answers a typed turn audibly, and hang-up frees the mic, peer, audio context and call', async () => {
    await open();
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    expect(await state()).toMatchObject({ status: 'connected', lastError: null });
    expect(await page.$eval('[data-talkwire="voice-agent"]', (el) => el.getAttribute('data-status'))).toBe('connected');
    await typedTurn('Hello from Firefox.');
    await until(observed, (o) => o.maxOutputRms > 0.01, 5_000);
    const entries = await page.evaluate(() => window.harness.transcript());
    expect(entries.some((e) => e.role === 'assistant' && e.final && e.text.length > 0)).toBe(true);
    expect(await page.$$eval('[role="log"] [data-role="assistant"]', (els) => els.length)).toBeGreaterThan(0);
    await page.evaluate(() => window.harness.disconnect());
    expect((await state()).status).toBe('closed');
    await expectAllFreed();
    expect((await observed()).unhandledRejections).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('a push-to-talk turn: the tone is sent only while held, one answer on release', async () => {
    await open();
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.evaluate(() => {
      window.harness.session().setTurnDetection('push_to_talk');
      window.harness.setMuted(false);
    });
    await until(
      () => page.evaluate(() => window.harness.session().getTurnDetection()),
      (m) => m === 'push_to_talk',
    );
    // Unmuted but not held: the tone must not reach the server.
    await new Promise((resolve) => setTimeout(resolve, 800));
    const idle = await audibleFrames();
    const before = await countOf('response.done');
    await page.evaluate(() => window.harness.session().startTalking());
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await page.evaluate(() => window.harness.session().stopTalking())).toBe(true);
    const held = await audibleFrames();
    expect(held - idle).toBeGreaterThan(10); // 800 ms held is 40 frames of 20 ms
    expect(idle).toBeLessThan(5);
    await until(
      () => countOf('response.done'),
      (n) => n > before,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await audibleFrames()) - held).toBeLessThan(10);
    expect((await observed()).clientEvents).toContain('input_audio_buffer.commit');
    await until(observed, (o) => o.maxOutputRms > 0.01, 5_000);
    await page.evaluate(() => window.harness.disconnect());
    await expectAllFreed();
    expect(pageErrors).toEqual([]);
  });

  it('interrupt cuts a spoken reply off: the response is cancelled and the played audio cleared', async () => {
    await open();
    await control('/scenario', {
      scenario: {
        steps: [
          {
            type: 'reply',
            text: 'This is a long answer that keeps going for quite a while, sentence after sentence, so there is time to interrupt it.',
          },
        ],
      },
    });
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.evaluate(() => window.harness.sendText('Talk for a while.'));
    await until(
      () => countOf('output_audio_buffer.started'),
      (n) => n > 0,
    );
    await page.evaluate(() => window.harness.interrupt());
    const sent = (await observed()).clientEvents;
    expect(sent).toEqual(expect.arrayContaining(['output_audio_buffer.clear']));
    await until(
      () => countOf('output_audio_buffer.cleared'),
      (n) => n > 0,
    );
    await until(state, (s) => s.agentState !== 'speaking', 5_000);
    await typedTurn('Still there?');
    await page.evaluate(() => window.harness.disconnect());
    await expectAllFreed();
    expect(pageErrors).toEqual([]);
  });

  it('switches the microphone mid-call without renegotiating; the call goes on', async () => {
    await open();
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.evaluate(() => window.harness.setMuted(false));
    const { inputs } = await page.evaluate(() => window.harness.devices());
    const current = (await state()).mic.deviceId;
    const target = (inputs.find((d) => d.deviceId !== current) ?? inputs[0])!.deviceId;
    const result = await page.evaluate((id) => window.harness.setInputDevice(id), target);
    expect(result.error).toBeNull();
    // A new capture (Firefox's fake devices are one input), the old track stopped, no new offer.
    expect((await leftovers()).streams).toBe(2);
    const live = await page.evaluate(() => window.harness.micTracks());
    expect(live).toHaveLength(1);
    expect(live[0]!.deviceId).toBe(target);
    expect((await observed()).offers).toBe(1);
    // The new mic reaches the server over the same peer connection.
    const heard = await audibleFrames();
    await until(audibleFrames, (n) => n > heard + 10, 5_000);
    await page.evaluate(() => window.harness.setMuted(true));
    await typedTurn('Can you still hear me?');
    await page.evaluate(() => window.harness.disconnect());
    await expectAllFreed();
    expect(pageErrors).toEqual([]);
  });

  it('a dropped call reconnects with the transcript kept', async () => {
    await open({ reconnect: { attempts: 2, backoff: 200 } });
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await typedTurn('Remember the word apricot.');
    const firstCall = (await state()).callId!;
    // The emulator closes a channel cleanly only once the SCTP association has settled.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await inject({ type: 'drop_channel', scope: 'call' }, firstCall);
    await until(observed, (o) => o.statuses.includes('reconnecting'));
    const after = await until(state, (s) => s.status === 'connected' && s.callId !== firstCall, 20_000);
    expect(after.lastError).toBeNull();
    const entries = await page.evaluate(() => window.harness.transcript());
    expect(entries.some((e) => e.role === 'user' && e.text.includes('apricot'))).toBe(true);
    await typedTurn('And now?');
    await page.evaluate(() => window.harness.disconnect());
    await expectAllFreed();
    expect(pageErrors).toEqual([]);
  });

  it('a dead server mid-response is noticed within about 5 s and everything is freed', async () => {
    await open();
    expect(await page.evaluate(() => window.harness.connect())).toBeNull();
    await page.evaluate(() => {
      const w = window as unknown as { death: { last: number; left: number | null } };
      w.death = { last: performance.now(), left: null };
      const session = window.harness.session();
      session.on('server_event', () => {
        if (w.death.left === null) w.death.last = performance.now();
      });
      session.on('status', (status) => {
        if (w.death.left === null && status !== 'connected') w.death.left = performance.now();
      });
    });
    await inject({ type: 'ice_pause', ms: 60_000, when: 'mid_response' });
    await page.evaluate(() => window.harness.sendText('Tell me something long.'));
    const death = await until(
      () => page.evaluate(() => (window as unknown as { death: { last: number; left: number | null } }).death),
      (d) => d.left !== null,
      30_000,
    );
    const ms = death.left! - death.last;
    console.log(`Firefox: dead server noticed ${ms.toFixed(0)} ms after its last event`);
    expect(ms).toBeLessThan(5_500);
    expect(await state()).toMatchObject({ status: 'failed', lastError: { code: 'connection_failed' } });
    const left = await until(leftovers, (l) => l.liveTracks === 0 && l.openPeers === 0 && l.openContexts === 0, 5_000);
    expect(left.playingElements).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
