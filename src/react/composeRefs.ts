import type { Ref, RefCallback } from 'react';

/** One ref callback that feeds several refs (a forwarded ref plus an internal one). */
export function composeRefs<T>(...refs: ReadonlyArray<Ref<T> | undefined>): RefCallback<T> {
  return (value) => {
    for (const ref of refs) {
      if (typeof ref === 'function') ref(value);
      else if (ref !== null && ref !== undefined) (ref as { current: T | null }).current = value;
    }
  };
}
