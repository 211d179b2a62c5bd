import { describe, expect, it } from 'vitest';
import { emptyTable, tableDelete, tableGet, tableSet, tableToRecord, type KeyedTable } from './KeyedTable.js';

describe('KeyedTable', () => {
  it('behaves like an immutable map across many writes, deletes and merges', () => {
    let t: KeyedTable<number> = emptyTable();
    const model = new Map<string, number>();
    const snapshots: Array<[KeyedTable<number>, Map<string, number>]> = [];
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    for (let i = 0; i < 5000; i++) {
      const key = `k${rand(80)}`;
      if (rand(5) === 0) {
        t = tableDelete(t, key);
        model.delete(key);
      } else {
        t = tableSet(t, key, i);
        model.set(key, i);
      }
      if (i % 500 === 0) snapshots.push([t, new Map(model)]);
    }
    expect(t.size).toBe(model.size);
    expect({ ...tableToRecord(t) }).toEqual(Object.fromEntries(model));
    // Old versions are untouched.
    for (const [old, oldModel] of snapshots) {
      expect({ ...tableToRecord(old) }).toEqual(Object.fromEntries(oldModel));
    }
  });

  it('treats __proto__, constructor and prototype as plain keys', () => {
    let t: KeyedTable<string> = emptyTable();
    expect(tableGet(t, 'constructor')).toBeUndefined();
    expect(tableGet(t, 'toString')).toBeUndefined();
    for (let i = 0; i < 40; i++) t = tableSet(t, `x${i}`, 'v');
    t = tableSet(t, '__proto__', 'p');
    t = tableSet(t, 'constructor', 'c');
    for (let i = 0; i < 40; i++) t = tableSet(t, `y${i}`, 'v');
    expect(tableGet(t, '__proto__')).toBe('p');
    expect(tableGet(t, 'constructor')).toBe('c');
    expect(({} as Record<string, unknown>)['p']).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('rewriting the last key touches nothing else', () => {
    let t: KeyedTable<number> = emptyTable();
    for (let i = 0; i < 100; i++) t = tableSet(t, `k${i}`, i);
    const next = tableSet(t, 'k99', 1000);
    expect(next.base).toBe(t.base);
    expect(tableGet(next, 'k99')).toBe(1000);
    expect(tableGet(t, 'k99')).toBe(99);
  });
});
