// Starts WebKitGTK's MiniBrowser for the WebKit browser tests: WebKitWebDriver under xvfb-run (MiniBrowser needs
// a display), driven by selenium-webdriver. WebKitGTK has no RTCPeerConnection; it tests what does not need one.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Builder, type WebDriver } from 'selenium-webdriver';
import { findWebKit, miniBrowserArgs } from '../../scripts/webkit.mjs';

export interface WebKitBrowser {
  driver: WebDriver;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForDriver(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${child.exitCode}:\n${output()}`);
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}

/** MiniBrowser with mock capture devices and autoplay allowed. Throws, saying what to install, when none is found. */
export async function launchWebKit(): Promise<WebKitBrowser> {
  const found = findWebKit();
  if (!found) {
    throw new Error(
      'No WebKitGTK found: run `node scripts/webkit.mjs` (installs webkit2gtk-driver and xvfb on Debian).',
    );
  }
  const port = await freePort();
  // Its own process group, so closing also stops Xvfb and MiniBrowser.
  const child = spawn(found.xvfbRun, ['-a', found.driver, `--port=${port}`, '--host=127.0.0.1'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-10_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // A runner stopped from outside skips close(): the detached group must not outlive it.
  const killGroup = () => {
    try {
      if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', killGroup);
  const stop = async () => {
    if (child.exitCode !== null || child.pid === undefined) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3_000);
    await exited;
    clearTimeout(timer);
    process.off('exit', killGroup);
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForDriver(url, child, () => log, 20_000);
    const driver = await new Builder()
      .usingServer(url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: found.miniBrowser, args: miniBrowserArgs },
      })
      .build();
    return {
      driver,
      async close() {
        await driver.quit().catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
