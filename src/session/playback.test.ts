// Blocked playback for transports that play through the session's AudioContext (WebSocket), and a resumeAudio()
// that leaves alone the empty <audio> element of such a call.
import { describe, expect, it } from 'vitest';
import { createRealtimeStore } from '../core/state/store.js';
import { createEmitter } from '../transport/createEmitter.js';
import type { Transport, TransportEventMap } from '../transport/Transport.js';
import { createCall, type Call } from './call.js';
import { createRealtimeSession } from './createRealtimeSession.js';
import { createPlayback } from './playback.js';
import type { SessionAudioEngine } from './SessionAudioEngine.js';

const noop = () => undefined;

/** A context whose state the test sets, firing `statechange` as a browser does. */
function fakeContext(initial: AudioContextState) {
  const listeners = new Set<() => void>();
  return {
    state: initial,
    addEventListener: (_type: string, listener: () => void) => void listeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => void listeners.delete(listener),
    set(next: AudioContextState) {
      this.state = next;
      for (const listener of listeners) listener();
    },
  };
}

function fakeEngine(context: ReturnType<typeof fakeContext>, resume: () => Promise<void>): SessionAudioEngine {
  return {
    context: context as unknown as BaseAudioContext,
    loadWorklet: async () => undefined,
    attachMic: noop,
    attachRemote: noop,
    getInputLevel: () => 0,
    getOutputLevel: () => 0,
    subscribe: () => noop,
    resume,
    close: async () => undefined,
  };
}

describe('createPlayback', () => {
  function setup(context: ReturnType<typeof fakeContext>, resume: () => Promise<void> = async () => undefined) {
    const store = createRealtimeStore();
    const call: Call = createCall(noop);
    call.engine = fakeEngine(context, resume);
    let current: Call | null = call;
    const playback = createPlayback({ store, current: () => current, outputDeviceId: () => null });
    const blocked = () => store.getState().output.playbackBlocked;
    return { call, playback, blocked, leave: () => (current = null) };
  }

  it('watchContext: a suspended context is blocked playback until it runs; the call ending clears it', async () => {
    const context = fakeContext('suspended');
    const { call, playback, blocked } = setup(context);
    playback.watchContext(call);
    expect(blocked()).toBe(true);
    context.set('running');
    expect(blocked()).toBe(false);
    context.set('interrupted'); // Safari, during a phone call
    expect(blocked()).toBe(true);
    await call.cleanup();
    expect(blocked()).toBe(false);
  });

  it('watchContext ignores a call that is no longer the current one', () => {
    const context = fakeContext('suspended');
    const { call, playback, blocked, leave } = setup(context);
    leave();
    playback.watchContext(call);
    expect(blocked()).toBe(false);
  });

  it('resume() never rejects, even when the context refuses', async () => {
    const refused = setup(fakeContext('suspended'), () => Promise.reject(new Error('NotAllowedError')));
    await expect(refused.playback.resume(refused.call)).resolves.toBeUndefined();
  });

  it('resume() leaves an empty <audio> element alone (WebSocket plays through the context; WebKit refuses it)', async () => {
    const context = fakeContext('running');
    const { call, playback, blocked } = setup(context);
    let plays = 0;
    const refuse = () => {
      plays++;
      return Promise.reject(Object.assign(new Error('refused'), { name: 'NotAllowedError' }));
    };
    call.audio = { srcObject: null, play: refuse } as unknown as HTMLAudioElement;
    playback.watchContext(call);
    await playback.resume(call);
    expect(plays).toBe(0);
    expect(blocked()).toBe(false);
    // An element with a stream (WebRTC) is retried, and a refusal is reported.
    call.audio = { srcObject: {}, play: refuse } as unknown as HTMLAudioElement;
    await playback.resume(call);
    expect(plays).toBe(1);
    expect(blocked()).toBe(true);
  });
});

describe('a session whose transport plays through its AudioContext', () => {
  /** A WebSocket-like transport: no remote stream; it answers the handshake itself. */
  function transport(): Transport {
    const emitter = createEmitter<TransportEventMap>();
    const reply = (event: object) => setTimeout(() => emitter.emit('message', JSON.stringify(event)));
    return {
      status: 'open',
      media: { usesMic: false, setInput: async () => undefined, interruptOutput: noop },
      async connect() {
        reply({ type: 'session.created', event_id: 'e1', session: { type: 'realtime', id: 'sess_1' } });
        return { callId: null };
      },
      send(event) {
        if (event.type === 'session.update') {
          reply({ type: 'session.updated', event_id: 'e2', session: { type: 'realtime', id: 'sess_1' } });
        }
      },
      close: noop,
      on: emitter.on,
    };
  }

  it('reports a context held suspended as playbackBlocked, and clears it when the context runs', async () => {
    const context = fakeContext('suspended');
    const session = createRealtimeSession({
      apiKey: 'sk-test-playback',
      transport: transport,
      environment: {
        AudioContext: class {} as unknown as typeof AudioContext,
        createAudioEngine: () => fakeEngine(context, async () => undefined),
      },
    });
    await session.connect();
    expect(session.store.getState().status).toBe('connected');
    expect(session.store.getState().output.playbackBlocked).toBe(true);
    await session.resumeAudio();
    expect(session.store.getState().output.playbackBlocked).toBe(true); // the context decides, not the call
    context.set('running');
    expect(session.store.getState().output.playbackBlocked).toBe(false);
    await session.disconnect();
    expect(session.store.getState().output.playbackBlocked).toBe(false);
  }, 10_000);
});
