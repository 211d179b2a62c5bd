// `talkwire-emulator --scenario file.json`, run as a real process: the scripted reply comes back over a real
// WebRTC call, and a bad file stops the command with a message that names the file and the fix.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenario } from '../entries/testing.js';
import type { RtcClient } from '../../test/support/rtcClient.js';
import { connectedClient } from '../../test/support/rtcClient.js';

const root = resolve(import.meta.dirname, '../..');
let dir = '';
const children: ChildProcess[] = [];
const clients: RtcClient[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'talkwire-cli-'));
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  for (const child of children.splice(0)) child.kill('SIGTERM');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI from source; resolves with its output once it printed `until` or exited. */
function cli(args: string[], until: RegExp): Promise<{ output: string; code: number | null; child: ChildProcess }> {
  const script = `import { runEmulatorCli } from './src/testing/cli.ts';
runEmulatorCli(${JSON.stringify(args)}).catch((error) => { console.error(error.message); process.exit(1); });`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the CLI printed nothing matching ${until}:\n${output}`)), 20_000);
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (until.test(output)) {
        clearTimeout(timer);
        done({ output, code: null, child });
      }
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('exit', (code) => {
      clearTimeout(timer);
      done({ output, code, child });
    });
  });
}

describe('talkwire-emulator --scenario', () => {
  it('loads a scenario saved as JSON and answers with it', async () => {
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(scenario().reply('Loaded from a file.')));
    const { output } = await cli(['--port', '0', '--scenario', file], /scenario: /);
    const apiBaseUrl = /apiBaseUrl: (\S+)/.exec(output)?.[1];
    expect(apiBaseUrl, output).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const client = await connectedClient(apiBaseUrl!, clients);
    client.send({
      type: 'conversation.item.create',
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] },
    });
    client.send({ type: 'response.create' });
    const done = await client.waitFor('response.done', 8000);
    expect(JSON.stringify(done.response)).toContain('Loaded from a file.');
  }, 30_000);

  it.each([
    ['a missing file', (f: string) => f, /cannot read .*missing\.json/],
    ['a file that is not JSON', (f: string) => (writeFileSync(f, '{ steps: ['), f), /is not JSON/],
    [
      'JSON that is not a scenario',
      (f: string) => (writeFileSync(f, JSON.stringify({ steps: [{ type: 'dance' }] })), f),
      /steps\[0\] is not a step/,
    ],
  ])(
    'stops on %s with a message that says what to fix',
    async (_, make, message) => {
      const file = make(join(dir, 'missing.json'));
      const { output, code } = await cli(['--port', '0', '--scenario', file], /(?!)/); // (?!) never matches: waits for the exit
      expect(code).toBe(1);
      expect(output).toMatch(message);
      rmSync(file, { force: true });
    },
    30_000,
  );
});
