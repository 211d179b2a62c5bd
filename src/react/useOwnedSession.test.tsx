// @vitest-environment jsdom
import '../../test/support/reactActEnvironment.js';
import { act, cleanup, renderHook } from '@testing-library/react';
import { afterEach, expect, test } from 'vitest';
import { createRealtimeStore } from '../core/state/store.js';
import { useOwnedSession, useStatusAndError } from './useOwnedSession.js';

afterEach(cleanup);

function fakeSession(name: string, log: string[]) {
  return {
    name,
    store: createRealtimeStore(),
    disconnect: () => {
      log.push(`disconnect ${name}`);
      return Promise.resolve();
    },
  };
}

test('made once when none is given, and disconnected on unmount', () => {
  const log: string[] = [];
  let made = 0;
  const create = () => fakeSession(`own${++made}`, log);
  const { result, rerender, unmount } = renderHook(() => useOwnedSession(null, create));
  const first = result.current;
  rerender();
  rerender();
  expect(result.current).toBe(first);
  expect(made).toBe(1);
  expect(log).toEqual([]);
  unmount();
  expect(log).toEqual(['disconnect own1']);
});

test('a given session is used as is and left to the app on unmount', () => {
  const log: string[] = [];
  const given = fakeSession('app', log);
  const { result, unmount } = renderHook(() =>
    useOwnedSession(given, () => {
      throw new Error('must not create one');
    }),
  );
  expect(result.current).toBe(given);
  unmount();
  expect(log).toEqual([]);
});

test('given at first and then not: the hook makes its own then, and ends only that one', () => {
  const log: string[] = [];
  const given = fakeSession('app', log);
  const initialProps: { session: ReturnType<typeof fakeSession> | null } = { session: given };
  let made = 0;
  const { result, rerender, unmount } = renderHook(
    ({ session }: { session: ReturnType<typeof fakeSession> | null }) =>
      useOwnedSession(session, () => fakeSession(`own${++made}`, log)),
    { initialProps },
  );
  expect(result.current).toBe(given);
  rerender({ session: null });
  expect(result.current.name).toBe('own1');
  rerender({ session: null });
  expect(made).toBe(1);
  unmount();
  expect(log).toEqual(['disconnect own1']);
});

test('status and error follow the store', () => {
  const session = fakeSession('s', []);
  const { result } = renderHook(() => useStatusAndError(session));
  expect(result.current).toEqual({ status: 'idle', error: null });
  act(() => session.store.setState({ status: 'connecting' }));
  expect(result.current.status).toBe('connecting');
  const error = { code: 'connection_failed', message: 'The call dropped; connect again.' } as const;
  act(() => session.store.setState({ status: 'failed', lastError: error as never }));
  expect(result.current).toEqual({ status: 'failed', error });
});
