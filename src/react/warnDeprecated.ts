const warned = new Set<string>();

/** True unless the app's bundler says production (bundlers replace `process.env.NODE_ENV`; no bundler: dev). */
function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== 'production';
  } catch {
    return true;
  }
}

/** One console warning per deprecated spelling, in development builds only. */
export function warnDeprecated(key: string, message: string): void {
  if (warned.has(key) || !isDevelopment()) return;
  warned.add(key);
  console.warn(`talkwire: ${message}`);
}
