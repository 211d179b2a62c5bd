import { spawn } from 'node:child_process';

export interface DevServer {
  origin: string;
  /** From spawn to `readyPath` answering 200. */
  startupMs: number;
  /** What the server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartDevServerOptions {
  command: string;
  args: string[];
  cwd: string;
  port: number;
  /** Polled until it answers 200. */
  readyPath: string;
  timeoutMs: number;
}

/**
 * Starts a dev server (Storybook, a Vite app) on 127.0.0.1 in its own process group and waits until it serves
 * `readyPath`. OPENAI_API_KEY is removed from its environment: the tests must run on the local emulator.
 */
export async function startDevServer(options: StartDevServerOptions): Promise<DevServer> {
  const env: NodeJS.ProcessEnv = { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1', BROWSER: 'none' };
  delete env.OPENAI_API_KEY;
  const started = performance.now();
  // Its own process group, so stopping it also stops the workers it spawns.
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  // Set by the child's exit callback, so the type must stay wider than the initial null.
  let exited = null as number | null;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = code ?? (signal ? 128 : 1);
      resolve();
    });
  });

  const origin = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (exited !== null || child.pid === undefined) return;
    process.kill(-child.pid, 'SIGTERM');
    const killed = setTimeout(() => {
      if (exited === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, 5_000);
    await exit;
    clearTimeout(killed);
  };

  const deadline = started + options.timeoutMs;
  while (performance.now() < deadline) {
    if (exited !== null) throw new Error(`${options.command} ${options.args.join(' ')} exited with ${exited}:\n${log}`);
    try {
      const response = await fetch(`${origin}${options.readyPath}`);
      if (response.ok) return { origin, startupMs: performance.now() - started, output: () => log, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`${origin}${options.readyPath} did not answer within ${options.timeoutMs} ms:\n${log}`);
}
