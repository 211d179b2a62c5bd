// Finds a Firefox for the Firefox browser tests. Debian's firefox-esr is used (puppeteer-core drives it through
// WebDriver BiDi, so no geckodriver and no browser download is needed); as root on Debian it is installed with apt.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const DEBIAN_FIREFOX = '/usr/bin/firefox-esr';

export function findFirefox() {
  if (process.env.TALKWIRE_FIREFOX) return process.env.TALKWIRE_FIREFOX;
  if (existsSync(DEBIAN_FIREFOX)) return DEBIAN_FIREFOX;
  return undefined;
}

function isRootOnDebian() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
}

/**
 * Preferences that make real WebRTC with a fake microphone work headless on loopback. Without a microphone
 * *permission* Firefox offers only its default-route address and ICE fails on loopback, even with a fake mic;
 * without the mock audio backend an AudioContext never resumes on a machine with no sound device.
 */
export const firefoxPrefs = {
  'media.peerconnection.ice.loopback': true,
  'permissions.default.microphone': 1,
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.cubeb.force_mock_context': true,
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
  'media.setsinkid.enabled': true,
};

/** Installs firefox-esr when no Firefox is present and apt can; returns the executable or undefined. */
export function ensureFirefox() {
  if (findFirefox()) return findFirefox();
  if (isRootOnDebian()) {
    console.log('talkwire: installing Debian firefox-esr for the Firefox browser tests (apt-get)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'firefox-esr'], {
      stdio: 'inherit',
      env,
    });
    return findFirefox();
  }
  return undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = ensureFirefox();
  if (!found) {
    console.error('talkwire: no Firefox found; install firefox-esr or set TALKWIRE_FIREFOX to its executable');
    process.exit(1);
  }
  console.log(`talkwire: using ${found}`);
}
