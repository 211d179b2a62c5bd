/**
 * Peers that vanish without hanging up: 50 WebRTC clients connect to the emulator, go silent (no ICE checks, no
 * DTLS, no media: a killed tab or a closed laptop) and are dropped. Prints the emulator's open calls and heap
 * before, right after, and once the liveness timeout has passed.
 *
 *   node --expose-gc --import tsx bench/emulatorVanish.ts [peers=50] [rounds=2]
 *
 * The clients run in a child process, so the heap figures are the emulator's alone.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRealtimeEmulator } from '../src/entries/testing.js';
import { RtcClient, mintKey } from '../test/support/rtcClient.js';

const PEERS = Number(process.argv[2] ?? 50);
const gc = (globalThis as { gc?: () => void }).gc;

function heapMb(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

function silence(client: RtcClient): void {
  const silent = () => Promise.resolve();
  for (const transport of client.pc.iceTransports) {
    const connection = transport.connection as unknown as {
      send: typeof silent;
      protocols: Array<{ sendStun: typeof silent; sendData: typeof silent }>;
    };
    connection.send = silent;
    for (const protocol of connection.protocols) {
      protocol.sendStun = silent;
      protocol.sendData = silent;
    }
  }
}

async function vanishingPeers(apiBaseUrl: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const client = new RtcClient();
    const res = await client.connect(apiBaseUrl, await mintKey(apiBaseUrl));
    if (res.status !== 201) throw new Error(`offer ${i} answered ${res.status}`);
    await client.waitFor('session.created', 10_000);
    silence(client);
    await client.close();
  }
}

if (process.argv[2] === '--peers-for') {
  await vanishingPeers(process.argv[3]!, Number(process.argv[4]));
  process.exit(0);
}

const emulator = await startRealtimeEmulator();
const liveness = 15_000;
/** Runs `count` vanishing peers in a child process (the emulator keeps serving meanwhile). */
function peersInChild(count: number): Promise<void> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--peers-for', emulator.apiBaseUrl, String(count)],
    {
      stdio: 'inherit',
    },
  );
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`peers exited with ${code}`)))),
  );
}

// Warm-up: one call, so lazily loaded code and pools do not count as growth.
await peersInChild(1);
await new Promise((r) => setTimeout(r, liveness + 3_000));
const rounds = Number(process.argv[3] ?? 2);
const rows: string[] = [];
const before = { calls: emulator.calls.list().length, heap: heapMb() };
rows.push(`before: ${before.calls} open calls, heap ${before.heap.toFixed(1)} MB`);
let settled = before;
for (let round = 1; round <= rounds; round++) {
  const started = performance.now();
  await peersInChild(PEERS);
  const connectedS = (performance.now() - started) / 1000;
  const vanished = { calls: emulator.calls.list().length, heap: heapMb() };
  await new Promise((r) => setTimeout(r, liveness + 3_000));
  settled = { calls: emulator.calls.list().length, heap: heapMb() };
  rows.push(
    `round ${round}: ${PEERS} peers vanished in ${connectedS.toFixed(1)} s -> ${vanished.calls} open calls, heap ${vanished.heap.toFixed(1)} MB; ` +
      `${liveness / 1000} s later ${settled.calls} open calls, heap ${settled.heap.toFixed(1)} MB`,
  );
}
console.log(rows.join('\n'));
await emulator.close();
process.exit(settled.calls === 0 ? 0 : 1);
