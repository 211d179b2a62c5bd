import type { Page } from '@playwright/test';
import type { RealtimeDevServerConfig } from '../../src/testing/realtimeDevServer';
import type { Fault } from '../../src/testing/faults';
import type { ScenarioData } from '../../src/testing/scenario';
import type { EmulatedCallInfo } from '../../src/testing/startRealtimeEmulator';

let cachedConfig: RealtimeDevServerConfig | null = null;

async function devServerConfig(page: Page): Promise<RealtimeDevServerConfig> {
  if (!cachedConfig) {
    const response = await page.request.get('/api/realtime-config');
    cachedConfig = (await response.json()) as RealtimeDevServerConfig;
  }
  return cachedConfig;
}

/** The control token the dev server's emulator was started with (TALKWIRE_EMULATOR_TOKEN), as request headers. */
export function emulatorControlHeaders(): Record<string, string> {
  const token = process.env.TALKWIRE_EMULATOR_TOKEN;
  return token ? { 'x-talkwire-emulator-token': token } : {};
}

/** The emulator behind the dev server, driven over its `/__emulator/*` control endpoints. */
export function emulator(page: Page) {
  async function url(path: string): Promise<string> {
    const { emulatorUrl } = await devServerConfig(page);
    if (!emulatorUrl) throw new Error('The browser tests need the local emulator; unset OPENAI_API_KEY.');
    return `${emulatorUrl}/__emulator${path}`;
  }
  return {
    async reset(): Promise<void> {
      await page.request.post(await url('/reset'), { headers: emulatorControlHeaders() });
    },
    async calls(): Promise<EmulatedCallInfo[]> {
      const res = await page.request.get(await url('/calls'), { headers: emulatorControlHeaders() });
      return ((await res.json()) as { calls: EmulatedCallInfo[] }).calls;
    },
    async activeCalls(): Promise<number> {
      return (await this.calls()).filter((c) => c.state !== 'closed').length;
    },
    /** What the emulator hears from a call's microphone (frames, frames above -60 dBFS, latest RMS). */
    async input(callId: string): Promise<EmulatedCallInfo['input']> {
      const call = (await this.calls()).find((c) => c.id === callId);
      if (!call) throw new Error(`no call ${callId} on the emulator`);
      return call.input;
    },
    async items(callId: string): Promise<EmulatedCallInfo['items']> {
      const res = await page.request.get(await url(`/calls/${callId}/items`), { headers: emulatorControlHeaders() });
      return ((await res.json()) as { items: EmulatedCallInfo['items'] }).items;
    },
    async scenario(data: Partial<ScenarioData>, callId?: string): Promise<void> {
      const res = await page.request.post(await url('/scenario'), {
        data: { scenario: data, ...(callId ? { callId } : {}) },
        headers: emulatorControlHeaders(),
      });
      if (!res.ok()) throw new Error(`scenario refused: ${await res.text()}`);
    },
    async inject(fault: Fault, callId?: string): Promise<void> {
      const res = await page.request.post(await url('/faults'), {
        data: { fault, ...(callId ? { callId } : {}) },
        headers: emulatorControlHeaders(),
      });
      if (!res.ok()) throw new Error(`fault refused: ${await res.text()}`);
    },
  };
}

/** Opens the session harness page on a fresh emulator (no calls, no faults, default scenario). */
export async function openHarness(page: Page): Promise<void> {
  await emulator(page).reset();
  await page.goto('/session.html');
  await page.waitForSelector('body[data-ready="true"]');
}
