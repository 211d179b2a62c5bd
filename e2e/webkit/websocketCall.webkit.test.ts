// A real call over the WebSocket transport in WebKit (WebKitGTK's MiniBrowser, which has no RTCPeerConnection):
// connect to the emulator, the mic's PCM reaches it, a turn whose reply is heard (measured in the page through a
// tap on the session's own AudioContext), an interruption truncated where playback stood, and a hang-up that
// frees the mic, the context and the socket. WebKit's AudioContext resumes only once capture has started, so the
// context must be running by the time the reply plays, with nothing but connect() having asked for it.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebDriver } from 'selenium-webdriver';
import { startTestPages, type TestPages } from '../support/testPages';
import { launchWebKit, type WebKitBrowser } from './launchWebKit';
import { until } from '../support/until';

const port = Number(process.env.TALKWIRE_E2E_PORT ?? 5174);
let pages: TestPages;
let webkit: WebKitBrowser;
let driver: WebDriver;

const LONG =
  'This is a long answer that keeps going for quite a while, so that there is plenty of time to interrupt it before it ends, and then some more words after that.';

/** Evaluates `expression` (it may return a promise) in the page, with `arg` as `arg`. */
async function inPage<T>(expression: string, arg: unknown = null): Promise<T> {
  const result = await driver.executeAsyncScript<{ value?: T; error?: string }>(
    `const done = arguments[arguments.length - 1]; const arg = arguments[0];
     Promise.resolve().then(() => (${expression})).then(
       (value) => done({ value: value === undefined ? null : value }),
       (error) => done({ error: String((error && error.stack) || error) }));`,
    arg,
  );
  if (result.error !== undefined) throw new Error(`in the page: ${result.error}`);
  return result.value as T;
}

async function control(path: string, body?: unknown): Promise<Response> {
  const token = process.env.TALKWIRE_EMULATOR_TOKEN;
  const response = await fetch(`${pages.emulatorUrl}/__emulator${path}`, {
    method: body === undefined && path !== '/reset' ? 'GET' : 'POST',
    headers: {
      ...(token ? { 'x-talkwire-emulator-token': token } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response;
}
type CallInfo = { id: string; state: string; transport: string; input: { frames: number; audibleFrames: number } };
const calls = async () => ((await (await control('/calls')).json()) as { calls: CallInfo[] }).calls;
const wsCall = async () => (await calls()).find((c) => c.transport === 'websocket' && c.state !== 'closed');
const recorded = async (type: string) => {
  const call = (await calls()).find((c) => c.transport === 'websocket');
  if (!call) return [];
  const res = await control(`/calls/${call.id}/client-events?type=${type}`);
  return ((await res.json()) as { events: Array<{ item_id: string; audio_end_ms: number }> }).events;
};

interface State {
  status: string;
  agentState: string;
  activeResponseId: string | null;
  contextState: string | null;
  playbackBlocked: boolean;
}
interface Observed {
  agentStates: string[];
  serverEvents: string[];
  errors: string[];
  maxOutputLevel: number;
}
interface Tap {
  frames: number;
  first: number;
  mark: number;
  rate: number;
}
const state = () => inPage<State>('window.wsHarness.state()');
const observed = () => inPage<Observed>('window.wsHarness.observed()');
const transcript = () =>
  inPage<Array<{ role: string; text: string; status: string; audioEndMs: number | null }>>(
    'window.wsHarness.transcript()',
  );
const tap = () => inPage<Tap | null>('window.wsHarness.tap()');
const leftovers = () =>
  inPage<{ liveTracks: number; openContexts: number; openSockets: number }>('window.wsHarness.leftovers()');

/** A fresh page on a fresh emulator, the session created and connected over WebSocket. */
async function connected({ muted = false } = {}): Promise<void> {
  await control('/reset');
  await driver.get(`${pages.origin}/ws-session.html`);
  await until(
    () => inPage<string | null>('document.body.dataset.ready ?? null'),
    (ready) => ready === 'true',
  );
  await inPage('window.wsHarness.create()');
  if (muted) await inPage('window.wsHarness.setMuted(true)');
  expect(await inPage<string | null>('window.wsHarness.connect()')).toBeNull();
}

beforeAll(async () => {
  pages = await startTestPages(port);
  webkit = await launchWebKit();
  driver = webkit.driver;
  await driver.manage().setTimeouts({ script: 30_000 });
});

afterAll(async () => {
  await webkit?.close();
  await pages?.close();
});

beforeEach(async () => {
  // A call left open by a failed test must not outlive it.
  await inPage('window.wsHarness && window.wsHarness.session && window.wsHarness.disconnect()').catch(() => undefined);
});

describe('WebKit: a call over WebSocket to the emulator', () => {
  it('connects muted, a typed turn is answered and heard, unmuted the mic reaches the server; hang-up frees mic, context and socket', async () => {
    // Muted from the start: the track is disabled, yet capture has started, which is what lets WebKit's context run.
    await connected({ muted: true });
    expect((await state()).status).toBe('connected');
    expect(await wsCall()).toBeDefined();
    expect(await until(state, (s) => s.contextState === 'running', 5_000)).toMatchObject({ contextState: 'running' });
    // Nothing holds the reply back, and resumeAudio() (a "Turn on sound" click) returns at once.
    expect((await state()).playbackBlocked).toBe(false);
    const started = Date.now();
    await inPage('window.wsHarness.resumeAudio()');
    expect(Date.now() - started).toBeLessThan(1_000);

    const before = (await observed()).agentStates.length;
    await inPage('window.wsHarness.sendText(arg)', 'Hello from WebKit.');
    await until(
      async () => (await transcript()).map((e) => e.role).join(','),
      (roles) => /user,assistant/.test(roles),
    );
    await until(
      async () => (await observed()).agentStates.slice(before).includes('speaking'),
      (speaking) => speaking,
    );
    // Heard: sound went through the session's context to its destination, and the output meter moved.
    const heard = await until(tap, (t) => t !== null && t.first >= 0, 10_000);
    await until(
      async () => (await observed()).maxOutputLevel,
      (level) => level > 0.01,
      10_000,
    );
    await until(
      async () => (await state()).agentState,
      (agentState) => agentState !== 'speaking' && agentState !== 'thinking',
    );
    const played = await tap();
    const seconds = (played!.frames - heard!.first) / played!.rate;
    console.log(`WebKit: reply first heard at frame ${heard!.first}, ${seconds.toFixed(2)} s of output rendered since`);
    const seen = await observed();
    expect(seen.agentStates.slice(before).join(' ')).toMatch(/thinking.*speaking/);
    expect(seen.serverEvents[0]).toBe('session.created');
    expect(seen.serverEvents).toContain('response.output_audio.delta');
    expect(seen.errors).toEqual([]);
    const contextStates = await inPage<string[]>('window.wsHarness.observed().contextStates');
    console.log(`WebKit context states (state@ms): ${contextStates.join(' ')}`);
    expect((await state()).playbackBlocked, JSON.stringify({ ...(await state()), contextStates })).toBe(false);
    expect((await transcript()).find((e) => e.role === 'assistant')?.text.length).toBeGreaterThan(0);

    // Unmuted, the mock microphone's PCM goes up through the mic worklet and the emulator hears it.
    expect((await wsCall())?.input.audibleFrames).toBe(0);
    await inPage('window.wsHarness.setMuted(false)');
    await until(
      async () => (await wsCall())?.input.audibleFrames ?? 0,
      (n) => n > 10,
    );

    await inPage('window.wsHarness.disconnect()');
    expect(await leftovers()).toMatchObject({ liveTracks: 0, openContexts: 0 });
    expect(await until(leftovers, (l) => l.openSockets === 0, 5_000)).toMatchObject({ openSockets: 0 });
    await until(wsCall, (c) => c === undefined, 5_000);
    expect((await state()).status).toBe('closed');
  });

  it('interrupt() mid-reply: response.cancel, then a truncate at the playback the page measured', async () => {
    await connected({ muted: true });
    await control('/scenario', { scenario: { fallback: LONG } });
    await inPage('window.wsHarness.sendText(arg)', 'Tell me a long story.');
    await until(
      async () => (await observed()).agentStates.includes('speaking'),
      (speaking) => speaking,
    );
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await state()).activeResponseId).not.toBeNull(); // still streaming
    await inPage('window.wsHarness.interrupt()');
    const [truncate] = await until(
      () => recorded('conversation.item.truncate'),
      (events) => events.length === 1,
    );
    const measured = await tap();
    expect(measured!.first).toBeGreaterThanOrEqual(0);
    expect(measured!.mark).toBeGreaterThan(measured!.first);
    const playedMs = ((measured!.mark - measured!.first) / measured!.rate) * 1000;
    console.log(`WebKit interrupt: audio_end_ms ${truncate!.audio_end_ms}, page measured ${playedMs.toFixed(1)} ms`);
    expect(Math.abs(truncate!.audio_end_ms - playedMs)).toBeLessThanOrEqual(50);
    expect(await recorded('response.cancel')).toHaveLength(1);
    await until(
      async () => (await transcript()).find((e) => e.role === 'assistant'),
      (entry) => entry?.status === 'incomplete' && entry.audioEndMs === truncate!.audio_end_ms,
    );
    await until(
      async () => (await state()).agentState,
      (agentState) => agentState !== 'speaking',
    );
    await inPage('window.wsHarness.disconnect()');
    expect(await until(leftovers, (l) => l.openSockets === 0, 5_000)).toMatchObject({
      liveTracks: 0,
      openContexts: 0,
      openSockets: 0,
    });
  });
});
