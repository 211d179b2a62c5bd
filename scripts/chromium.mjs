// Finds a Chromium for Playwright. Debian's package is preferred because Playwright cannot download its own
// browser on machines without general internet access; elsewhere Playwright's own browser is used.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function findChromium() {
  if (process.env.TALKWIRE_CHROMIUM) return process.env.TALKWIRE_CHROMIUM;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return undefined;
}

function isRootOnDebian() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
}

/** Installs a browser when none is present: apt on Debian as root, otherwise Playwright's own download. */
export function ensureChromium() {
  if (findChromium()) return findChromium();
  if (isRootOnDebian()) {
    console.log('talkwire: installing Debian chromium for the browser tests (apt-get)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    return findChromium();
  }
  console.log("talkwire: no system Chromium; installing Playwright's own (npx playwright install chromium)...");
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  return undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = ensureChromium();
  console.log(found ? `talkwire: using ${found}` : "talkwire: using Playwright's Chromium");
}
