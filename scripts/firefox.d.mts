export function findFirefox(): string | undefined;
export function ensureFirefox(): string | undefined;
export const firefoxPrefs: Record<string, string | number | boolean>;
