import { expect, type APIRequestContext, type Frame, type Page } from '@playwright/test';
import type { EmulatedCallInfo } from '../../src/testing/startRealtimeEmulator';
import { emulatorControlHeaders } from './harness';

/**
 * What a page shows through <VoiceAgent/>'s DOM contract (DESIGN.md section 7), read from outside the library:
 * attribute changes on the root from a MutationObserver (so a short "speaking" is not missed between polls), the
 * level variables sampled every animation frame.
 */
export interface ContractObservation {
  statuses: string[];
  agentStates: string[];
  maxInputLevel: number;
  maxOutputLevel: number;
  frames: number;
}

type Target = Page | Frame;

declare global {
  interface Window {
    __talkwireMic?: MediaStream[];
    __talkwireContract?: ContractObservation;
  }
}

/**
 * Records every stream the page gets from `navigator.mediaDevices.getUserMedia`, installed before any page
 * script runs, so the test sees the microphone the app opened without the app (or talkwire) being changed.
 */
export async function recordMicrophone(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    const streams: MediaStream[] = [];
    window.__talkwireMic = streams;
    devices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      streams.push(stream);
      return stream;
    };
  });
}

/** readyState of every track of every recorded microphone stream. */
export function micTracks(target: Target): Promise<string[]> {
  return target.evaluate(() => (window.__talkwireMic ?? []).flatMap((s) => s.getTracks().map((t) => t.readyState)));
}

/** Starts observing the first `[data-talkwire="voice-agent"]` root; call once the root is in the DOM. */
export async function watchVoiceAgent(target: Target): Promise<void> {
  await target.evaluate(() => {
    const root = document.querySelector<HTMLElement>('[data-talkwire="voice-agent"]');
    if (!root) throw new Error('no [data-talkwire="voice-agent"] in the page');
    const seen: ContractObservation = {
      statuses: [root.dataset.status ?? ''],
      agentStates: [root.dataset.agentState ?? ''],
      maxInputLevel: 0,
      maxOutputLevel: 0,
      frames: 0,
    };
    window.__talkwireContract = seen;
    const push = (list: string[], value: string | undefined) => {
      if (value !== undefined && list[list.length - 1] !== value) list.push(value);
    };
    new MutationObserver(() => {
      push(seen.statuses, root.dataset.status);
      push(seen.agentStates, root.dataset.agentState);
    }).observe(root, { attributes: true, attributeFilter: ['data-status', 'data-agent-state'] });
    const sample = () => {
      const style = getComputedStyle(root);
      const input = Number.parseFloat(style.getPropertyValue('--talkwire-input-level')) || 0;
      const output = Number.parseFloat(style.getPropertyValue('--talkwire-output-level')) || 0;
      if (input > seen.maxInputLevel) seen.maxInputLevel = input;
      if (output > seen.maxOutputLevel) seen.maxOutputLevel = output;
      seen.frames++;
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
}

export function observation(target: Target): Promise<ContractObservation> {
  return target.evaluate(() => {
    const seen = window.__talkwireContract;
    if (!seen) throw new Error('watchVoiceAgent() was not called');
    return { ...seen, statuses: [...seen.statuses], agentStates: [...seen.agentStates] };
  });
}

/** Text of the transcript entries with `data-role="<role>"` in the `role="log"` region. */
function entryTexts(target: Target, role: 'user' | 'assistant'): Promise<string[]> {
  return target
    .locator(`[data-talkwire="voice-agent"] [role="log"] [data-role="${role}"]`)
    .evaluateAll((rows) => rows.map((row) => (row.textContent ?? '').trim()));
}

/**
 * A whole voice turn through the DOM contract only: talk, connected, the fake microphone's speech heard (input
 * level, a user entry), the agent answering (speaking, output level, an assistant entry), then hang up with the
 * same button and the microphone freed. The page must have been opened with `recordMicrophone`;
 * `emulatorCalls` lists the emulator's calls (it forgets a call once closed).
 */
export async function holdVoiceTurn(
  target: Target,
  emulatorCalls: () => Promise<EmulatedCallInfo[]>,
): Promise<ContractObservation> {
  const root = target.locator('[data-talkwire="voice-agent"]');
  const button = root.locator('[data-talkwire="talk-button"]');
  await expect(root).toHaveAttribute('data-status', 'idle');
  await watchVoiceAgent(target);

  await button.click();
  await expect(root).toHaveAttribute('data-status', 'connected', { timeout: 20_000 });
  await expect(root.locator('[role="log"]')).toBeVisible();

  await expect.poll(() => entryTexts(target, 'user'), { timeout: 30_000 }).toContainEqual(expect.stringMatching(/\S/));
  await expect
    .poll(() => entryTexts(target, 'assistant'), { timeout: 30_000 })
    .toContainEqual(expect.stringMatching(/\S/));
  await expect.poll(async () => (await observation(target)).agentStates, { timeout: 20_000 }).toContain('speaking');
  await expect.poll(async () => (await observation(target)).maxInputLevel, { timeout: 20_000 }).toBeGreaterThan(0);
  await expect.poll(async () => (await observation(target)).maxOutputLevel, { timeout: 20_000 }).toBeGreaterThan(0);
  // The user spoke before the agent answered, in the log's order too.
  const roles = await root
    .locator('[role="log"] [data-role]')
    .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-role')));
  expect(roles.indexOf('user')).toBeLessThan(roles.indexOf('assistant'));

  expect((await micTracks(target)).length).toBeGreaterThan(0);
  expect(await micTracks(target)).toContain('live');
  expect((await emulatorCalls()).map((call) => call.state)).toEqual(['open']);

  await expect(button).toHaveAttribute('data-action', 'disconnect');
  await button.click();
  await expect(root).toHaveAttribute('data-status', 'closed', { timeout: 10_000 });
  await expect.poll(() => micTracks(target)).toEqual(expect.arrayContaining(['ended']));
  await expect.poll(async () => (await micTracks(target)).every((state) => state === 'ended')).toBe(true);
  await expect.poll(async () => (await emulatorCalls()).length, { message: 'the emulator closed the call' }).toBe(0);

  const seen = await observation(target);
  expect(seen.statuses.join(' ')).toMatch(/idle.*connecting.*connected.*closed/);
  expect(seen.agentStates.join(' ')).toMatch(/listening.*speaking/);
  return seen;
}

/** The emulator behind the dev server at `origin` (its `/api/realtime-config` names it). */
export function emulatorOf(request: APIRequestContext, origin: string) {
  let emulatorUrl: string | null = null;
  async function control(path: string): Promise<string> {
    if (emulatorUrl === null) {
      const config = (await (await request.get(`${origin}/api/realtime-config`)).json()) as {
        emulatorUrl: string | null;
      };
      if (!config.emulatorUrl) throw new Error(`${origin} is not on the local emulator; unset OPENAI_API_KEY.`);
      emulatorUrl = config.emulatorUrl;
    }
    return `${emulatorUrl}/__emulator${path}`;
  }
  return {
    async calls(): Promise<EmulatedCallInfo[]> {
      return (
        (await (await request.get(await control('/calls'), { headers: emulatorControlHeaders() })).json()) as {
          calls: EmulatedCallInfo[];
        }
      ).calls;
    },
    async reset(): Promise<void> {
      await request.post(await control('/reset'), { headers: emulatorControlHeaders() });
    },
  };
}

/**
 * Counts, from Playwright's network events, the SDP offers the page posts (`POST .../realtime/calls`) and the
 * keys it asks for: every offer is seen, even one whose call the emulator has already closed and forgotten.
 */
export function countOffers(page: Page): { offers: () => number; keyRequests: () => number } {
  let offers = 0;
  let keyRequests = 0;
  page.on('request', (request) => {
    if (request.method() !== 'POST') return;
    const path = new URL(request.url()).pathname;
    if (path.endsWith('/realtime/calls')) offers++;
    else if (path === '/api/realtime-session') keyRequests++;
  });
  return { offers: () => offers, keyRequests: () => keyRequests };
}

declare global {
  interface Window {
    __talkwireWorklets?: { url: string; result: string }[];
  }
}

/**
 * Records every `audioWorklet.addModule(url)` and how it ended, installed before any page script runs. Worklet
 * fetches do not show up among Playwright's network events, and a worklet that fails to load only degrades the
 * mic meter to an AnalyserNode, so this is the way to see whether the page's bundler served it.
 */
export async function recordWorkletModules(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const modules: { url: string; result: string }[] = [];
    window.__talkwireWorklets = modules;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the worklet as `this`
    const addModule = AudioWorklet.prototype.addModule;
    AudioWorklet.prototype.addModule = function (url: string | URL, options?: WorkletOptions) {
      const entry = { url: String(url), result: 'pending' };
      modules.push(entry);
      return addModule.call(this, url, options).then(
        () => {
          entry.result = 'loaded';
        },
        (error: unknown) => {
          entry.result = `failed: ${String(error)}`;
          throw error;
        },
      );
    };
  });
}

export function workletModules(target: Target): Promise<{ url: string; result: string }[]> {
  return target.evaluate(() => window.__talkwireWorklets ?? []);
}
