import { parseArgs } from 'node:util';
import { startRealtimeEmulator } from './startRealtimeEmulator.js';
import type { RealtimeEmulator } from './startRealtimeEmulator.js';

const USAGE = `Usage: talkwire-emulator [--port 8787] [--host 127.0.0.1] [--session-limit-ms N] [--secret-ttl-seconds N]

Starts a local OpenAI Realtime emulator (WebRTC) for tests and offline development.
Point clients at the printed apiBaseUrl. Stop with Ctrl+C.`;

/** Runs the `talkwire-emulator` command; resolves with the running emulator. */
export async function runEmulatorCli(argv: string[] = process.argv.slice(2)): Promise<RealtimeEmulator | undefined> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', short: 'p', default: '8787' },
      host: { type: 'string', default: '127.0.0.1' },
      'session-limit-ms': { type: 'string' },
      'secret-ttl-seconds': { type: 'string' },
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
  const emulator = await startRealtimeEmulator({
    port: number('port', values.port) ?? 8787,
    host: values.host ?? '127.0.0.1',
    ...(sessionLimitMs !== undefined ? { sessionLimitMs } : {}),
    ...(secretTtlSeconds !== undefined ? { secretTtlSeconds } : {}),
  });
  console.log(`talkwire Realtime emulator listening on ${emulator.url}`);
  console.log(`apiBaseUrl: ${emulator.apiBaseUrl}`);
  const stop = () => {
    emulator.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return emulator;
}
