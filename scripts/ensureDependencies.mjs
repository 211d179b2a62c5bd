// `npm start` and `npm test` are the only set-up commands a new contributor needs: on a fresh clone they install
// the npm dependencies themselves (exactly as locked) before anything else runs.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function ensureDependencies() {
  if (existsSync('node_modules/.package-lock.json')) return;
  console.log('talkwire: installing dependencies (npm ci)...');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('talkwire: `npm ci` failed; fix the error above, then run the command again.');
    process.exit(result.status ?? 1);
  }
}
