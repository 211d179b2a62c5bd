// Finds WebKitGTK's WebDriver and MiniBrowser for the WebKit browser tests, installing Debian's
// webkit2gtk-driver and xvfb with apt when root on Debian. WebKitGTK has no RTCPeerConnection, so WebKit can
// test the WebSocket transport and the audio paths (AudioWorklet, mock getUserMedia), not WebRTC.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const DRIVER = '/usr/bin/WebKitWebDriver';
const XVFB_RUN = '/usr/bin/xvfb-run';

/** MiniBrowser lives in the WebKitGTK library folder, named after the API version (4.0, 4.1, 6.0). */
function findMiniBrowser() {
  if (process.env.TALKWIRE_MINIBROWSER) return process.env.TALKWIRE_MINIBROWSER;
  for (const lib of ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/usr/lib']) {
    if (!existsSync(lib)) continue;
    for (const dir of readdirSync(lib)
      .filter((name) => name.startsWith('webkit2gtk-') || name.startsWith('webkitgtk-'))
      .sort()
      .reverse()) {
      const candidate = `${lib}/${dir}/MiniBrowser`;
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** `{ driver, miniBrowser, xvfbRun }` when all are present, else undefined. */
export function findWebKit() {
  const driver = process.env.TALKWIRE_WEBKIT_DRIVER ?? (existsSync(DRIVER) ? DRIVER : undefined);
  const miniBrowser = findMiniBrowser();
  const xvfbRun = existsSync(XVFB_RUN) ? XVFB_RUN : undefined;
  return driver && miniBrowser && xvfbRun ? { driver, miniBrowser, xvfbRun } : undefined;
}

function isRootOnDebian() {
  return typeof process.getuid === 'function' && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
}

/**
 * MiniBrowser flags that make it drivable and give it fake capture devices. Without mock capture devices
 * getUserMedia finds no microphone on a machine with no sound card.
 */
export const miniBrowserArgs = [
  '--automation',
  '--enable-media-stream=true',
  '--enable-mock-capture-devices=true',
  '--media-playback-requires-user-gesture=false',
];

/** Installs webkit2gtk-driver and xvfb when missing and apt can; returns what findWebKit() returns. */
export function ensureWebKit() {
  if (findWebKit()) return findWebKit();
  if (isRootOnDebian()) {
    console.log('talkwire: installing Debian webkit2gtk-driver and xvfb for the WebKit browser tests (apt-get)...');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'webkit2gtk-driver', 'xvfb', 'xauth'], {
      stdio: 'inherit',
      env,
    });
    return findWebKit();
  }
  return undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const found = ensureWebKit();
  if (!found) {
    console.error(
      'talkwire: no WebKitGTK found; install webkit2gtk-driver and xvfb (Debian) or set TALKWIRE_WEBKIT_DRIVER and TALKWIRE_MINIBROWSER',
    );
    process.exit(1);
  }
  console.log(`talkwire: using ${found.driver} with ${found.miniBrowser}`);
}
