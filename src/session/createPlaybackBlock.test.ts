import { describe, expect, it } from 'vitest';
import { createRealtimeStore } from '../core/state/store.js';
import { createPlaybackBlock } from './createPlaybackBlock.js';

class FakeContext extends EventTarget {
  constructor(public state: AudioContextState) {
    super();
  }
  set(state: AudioContextState): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

function setup() {
  const store = createRealtimeStore();
  const block = createPlaybackBlock(store);
  return { store, block, blocked: () => store.getState().output.playbackBlocked };
}

describe('createPlaybackBlock', () => {
  it('a suspended context blocks until it runs (Chromium: the stream plays, the meters do not)', () => {
    const t = setup();
    const ctx = new FakeContext('suspended');
    t.block.watch(ctx);
    t.block.element(true);
    expect(t.blocked()).toBe(true);
    ctx.set('running');
    expect(t.blocked()).toBe(false);
  });

  it('a refused play() blocks until the element plays, even with a running context (Safari)', () => {
    const t = setup();
    t.block.watch(new FakeContext('running'));
    t.block.element(false);
    expect(t.blocked()).toBe(true);
    t.block.element(true);
    expect(t.blocked()).toBe(false);
  });

  it('both held: unblocked only when both are released', () => {
    const t = setup();
    const ctx = new FakeContext('suspended');
    t.block.watch(ctx);
    t.block.element(false);
    ctx.set('running');
    expect(t.blocked()).toBe(true);
    t.block.element(true);
    expect(t.blocked()).toBe(false);
  });

  it('no context (no AudioContext in this environment) is not a block', () => {
    const t = setup();
    t.block.watch(null);
    t.block.element(true);
    expect(t.blocked()).toBe(false);
  });

  it('ending the call clears the block and stops listening to the old context', () => {
    const t = setup();
    const ctx = new FakeContext('suspended');
    const stop = t.block.watch(ctx);
    t.block.element(false);
    expect(t.blocked()).toBe(true);
    stop();
    expect(t.blocked()).toBe(false);
    ctx.set('interrupted');
    expect(t.blocked()).toBe(false);
  });

  it('a stale stop (an earlier call) leaves the current watch alone', () => {
    const t = setup();
    const stopOld = t.block.watch(new FakeContext('running'));
    const current = new FakeContext('suspended');
    t.block.watch(current);
    stopOld();
    expect(t.blocked()).toBe(true);
    current.set('running');
    expect(t.blocked()).toBe(false);
  });
});
