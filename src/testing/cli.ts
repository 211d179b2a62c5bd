import { open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { toScenario, type Scenario } from './scenario.js';
import { startRealtimeEmulator } from './startRealtimeEmulator.js';
import type { RealtimeEmulator } from './startRealtimeEmulator.js';

const USAGE = `Usage: talkwire-emulator [--port 8787] [--host 127.0.0.1] [--scenario file.json] [--session-limit-ms N] [--secret-ttl-seconds N]

Starts a local OpenAI Realtime emulator (WebRTC) for tests and offline development.
--scenario loads a scenario saved as JSON (scenario().toJSON(), or the body POST /__emulator/scenario takes).
Point clients at the printed apiBaseUrl. Stop with Ctrl+C.`;

// A scenario is a short script; anything larger is not one.
const MAX_SCENARIO_BYTES = 1024 * 1024;

/** Reads and checks a scenario file, with errors that name the file and what to fix. */
export async function readScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      if (size > MAX_SCENARIO_BYTES)
        throw new TypeError(
          `--scenario ${path} is ${size} bytes; a scenario file must be under ${MAX_SCENARIO_BYTES} bytes.`,
        );
      text = await file.readFile('utf8');
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof TypeError) throw error;
    throw new TypeError(`--scenario: cannot read ${path} (${(error as Error).message}).`, { cause: error });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TypeError(
      `--scenario ${path} is not JSON (${(error as Error).message}); save one with JSON.stringify(scenario()...).`,
      { cause: error },
    );
  }
  try {
    return toScenario((data as { scenario?: unknown } | null)?.scenario ?? data);
  } catch (error) {
    throw new TypeError(`--scenario ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/** Runs the `talkwire-emulator` command; resolves with the running emulator. */
export async function runEmulatorCli(argv: string[] = process.argv.slice(2)): Promise<RealtimeEmulator | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', short: 'p', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'session-limit-ms': { type: 'string' },
      'secret-ttl-seconds': { type: 'string' },
      scenario: { type: 'string', short: 's' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return undefined;
  }
  const number = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new TypeError(`--${name} expects a non-negative number, got '${raw}'.`);
    return n;
  };
  const sessionLimitMs = number('session-limit-ms', values['session-limit-ms']);
  const secretTtlSeconds = number('secret-ttl-seconds', values['secret-ttl-seconds']);
  const loaded = values.scenario === undefined ? undefined : await readScenarioFile(values.scenario);
  const emulator = await startRealtimeEmulator({
    ...(loaded ? { scenario: loaded } : {}),
    port: number('port', values.port) ?? 8787,
    host: values.host ?? '127.0.0.1',
    ...(sessionLimitMs !== undefined ? { sessionLimitMs } : {}),
    ...(secretTtlSeconds !== undefined ? { secretTtlSeconds } : {}),
  });
  console.log(`talkwire Realtime emulator listening on ${emulator.url}`);
  console.log(`apiBaseUrl: ${emulator.apiBaseUrl}`);
  if (values.scenario !== undefined) console.log(`scenario: ${values.scenario}`);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return emulator;
}
