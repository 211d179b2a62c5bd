import type { Deprecation } from './deprecations.js';

const warned = new Set<string>();

/** True unless the app's bundler says production (bundlers replace `process.env.NODE_ENV`; no bundler: dev). */
function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
}

/**
 * One console warning per deprecated spelling, in development builds only. Its text loads with it, so the
 * warnings are in order but a moment after the render that used the old spelling.
 */
export function warnDeprecated(key: Deprecation): void {
  if (warned.has(key) || !isDevelopment()) return;
  warned.add(key);
  void import('./deprecations.js').then(({ deprecations }) => console.warn(`talkwire: ${deprecations[key]}`));
}
