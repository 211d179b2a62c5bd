// @vitest-environment node
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import * as zustand from 'zustand';
import { afterAll, expect, test } from 'vitest';

const BROWSER_GLOBALS = [
  'window',
  'document',
  'navigator',
  'self',
  'location',
  'matchMedia',
  'requestAnimationFrame',
  'localStorage',
  'AudioContext',
  'AudioWorkletNode',
  'RTCPeerConnection',
  'MediaStream',
  'HTMLElement',
  'customElements',
];
const touched: string[] = [];
const saved = new Map<string, PropertyDescriptor | undefined>();

afterAll(() => {
  for (const name of BROWSER_GLOBALS) {
    const descriptor = saved.get(name);
    if (descriptor === undefined) delete (globalThis as Record<string, unknown>)[name];
    else Object.defineProperty(globalThis, name, descriptor);
  }
});

test('importing talkwire touches no browser global, and <VoiceAgent/> renders to a string', async () => {
  // Dependencies are the user's business; they are loaded before the traps go up.
  expect(React.version).toMatch(/^19/);
  expect(typeof zustand.useStore).toBe('function');
  for (const name of BROWSER_GLOBALS) {
    saved.set(name, Object.getOwnPropertyDescriptor(globalThis, name));
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        touched.push(name);
        return undefined;
      },
    });
  }
  const talkwire = await import('../../src/entries/index.js');
  expect(touched).toEqual([]);

  const html = renderToString(
    <talkwire.VoiceAgent clientSecretUrl="/api/realtime-session" instructions="Be brief." voice="marin" />,
  );
  expect(html).toContain('data-talkwire="voice-agent"');
  expect(html).toContain('data-status="idle"');
  expect(html).toContain('data-talkwire="talk-button"');
  expect(html).toContain('role="log"');
  expect(touched).toEqual([]);
});
