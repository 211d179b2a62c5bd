// Starts Debian's firefox-esr driven through WebDriver BiDi, for the Firefox browser tests and
// `npm run soak -- --browser firefox`.
import puppeteer, { type Browser } from 'puppeteer-core';
import { findFirefox, firefoxPrefs } from '../../scripts/firefox.mjs';

/** Headless Firefox with a fake microphone and loopback ICE. Throws, saying what to install, when none is found. */
export async function launchFirefox(): Promise<Browser> {
  const executablePath = findFirefox();
  if (!executablePath) {
    throw new Error(
      'No Firefox found: run `node scripts/firefox.mjs` (installs firefox-esr on Debian) or set TALKWIRE_FIREFOX.',
    );
  }
  return puppeteer.launch({
    browser: 'firefox',
    executablePath,
    headless: true,
    extraPrefsFirefox: firefoxPrefs,
    // A run killed mid-way must not make the next launch offer safe mode (a dialog headless cannot answer).
    env: { ...process.env, MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
  });
}
