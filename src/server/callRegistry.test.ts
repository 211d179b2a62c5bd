import { describe, expect, it } from 'vitest';
import { noteHungUp, registerSideband, wasHungUp } from './callRegistry.js';

describe('callRegistry', () => {
  it('remembers a hang-up for ten minutes', () => {
    const t0 = 1_000_000;
    expect(wasHungUp('rtc_reg_a', t0)).toBe(false);
    noteHungUp('rtc_reg_a', t0);
    expect(wasHungUp('rtc_reg_a', t0 + 9 * 60_000)).toBe(true);
    expect(wasHungUp('rtc_reg_a', t0 + 10 * 60_000)).toBe(false);
  });

  it('forgets expired hang-ups as new ones arrive, and stays bounded', () => {
    const t0 = 5_000_000;
    noteHungUp('rtc_reg_old', t0);
    noteHungUp('rtc_reg_new', t0 + 11 * 60_000);
    expect(wasHungUp('rtc_reg_old', t0)).toBe(false);
    for (let i = 0; i < 10_050; i++) noteHungUp(`rtc_reg_bulk${i}`, t0 + 11 * 60_000);
    expect(wasHungUp('rtc_reg_bulk0', t0 + 11 * 60_000)).toBe(false);
    expect(wasHungUp('rtc_reg_bulk10049', t0 + 11 * 60_000)).toBe(true);
  });

  it('ends the sidebands registered on the call, and not after they unregister', () => {
    const ended: string[] = [];
    const unregister = registerSideband('rtc_reg_b', (detail) => ended.push(detail));
    registerSideband('rtc_reg_other', () => ended.push('wrong call'));
    noteHungUp('rtc_reg_b');
    expect(ended).toEqual(['hung up by the server']);
    unregister();
    noteHungUp('rtc_reg_b');
    expect(ended).toHaveLength(1);
  });
});
