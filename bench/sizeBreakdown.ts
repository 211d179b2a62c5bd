/**
 * Where the bytes of `createRealtimeSession` go: the entry bundled from source (the package build folds every
 * module into one file, so its modules cannot be told apart), each module minified on its own, grouped by
 * area. The entry's gzip size is shared out in proportion to minified bytes, so the shares add up to it.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'rolldown';
import { transform } from 'esbuild';
import { repoRoot } from './bundleSizes.js';

export interface SizeArea {
  area: string;
  /** What the area holds, for the table. */
  holds: string;
  minified: number;
  /** The area's share of the entry's gzip size. */
  gzipShare: number;
}

const AREAS: Array<{ area: string; holds: string; test: RegExp }> = [
  {
    area: 'conversation state',
    holds: 'reducer, item table, store, event log (core/state, zustand)',
    test: /src\/core\/state\/|node_modules\/zustand\//,
  },
  {
    area: 'protocol model',
    holds: 'event names (GA and beta), parsing, beta normalisation, errors',
    test: /src\/core\/(protocol\/|errors)/,
  },
  {
    area: 'WebRTC transport',
    holds: 'peer connection, data channel, SDP exchange, HTTP errors',
    test: /src\/transport\//,
  },
  {
    area: 'audio and devices',
    holds: 'metering engine, device following, mic constraints, autoplay and output gates',
    test: /src\/audio\/|src\/session\/(createSessionDevices|watchSessionDevices|micConstraints|defaultAudioEngine|createPlaybackBlock|createOutputGate)\./,
  },
  {
    area: 'keys and errors',
    holds: 'client secret fetch, mic and server error mapping',
    test: /src\/session\/(fetchClientSecret|micError|serverErrorPayload)\./,
  },
  {
    area: 'optional-feature shims',
    holds: 'what stands in for tools, queue, push-to-talk, MCP and reconnect until they load',
    test: /src\/session\/(lazySessionFeatures|featureMethods|reconnectPolicy|turnDetectionModeOf|tools\/)/,
  },
  {
    area: 'session lifecycle',
    holds: 'connect, disconnect, attempts, call watching, playback, environment',
    test: /src\/session\//,
  },
];

export async function sizeBreakdown(): Promise<{ gzip: number; minified: number; areas: SizeArea[] }> {
  const dir = path.join(repoRoot, 'node_modules/.cache/talkwire-bench/breakdown');
  mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'entry.js');
  writeFileSync(
    entry,
    `import { createRealtimeSession } from ${JSON.stringify(path.join(repoRoot, 'src/entries/core.ts'))};\nconsole.log(createRealtimeSession);\n`,
  );
  const bundled = await build({
    input: entry,
    cwd: repoRoot,
    write: false,
    platform: 'browser',
    logLevel: 'silent',
    tsconfig: path.join(repoRoot, 'tsconfig.json'),
    output: { format: 'esm', minify: false },
  });
  const chunk = bundled.output.find((c) => c.type === 'chunk' && c.isEntry);
  if (chunk?.type !== 'chunk') throw new Error('rolldown produced no entry chunk');
  const { code } = await transform(chunk.code, { minify: true, format: 'esm' });
  const gzip = gzipSync(code, { level: 9 }).length;

  const sums = new Map<string, number>();
  let total = 0;
  for (const [id, module] of Object.entries(chunk.modules)) {
    if (!module.code || id === entry) continue;
    const minified = (await transform(module.code, { minify: true, format: 'esm' })).code.length;
    const area = AREAS.find((a) => a.test.test(id.split(path.sep).join('/')))?.area ?? 'other';
    sums.set(area, (sums.get(area) ?? 0) + minified);
    total += minified;
  }
  const areas = [...AREAS, { area: 'other', holds: 'anything not listed above' }]
    .filter((a) => sums.has(a.area))
    .map((a) => ({
      area: a.area,
      holds: a.holds,
      minified: sums.get(a.area)!,
      gzipShare: (gzip * sums.get(a.area)!) / total,
    }))
    .sort((a, b) => b.minified - a.minified);
  return { gzip, minified: code.length, areas };
}
