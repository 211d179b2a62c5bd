// `npm start`: the Storybook playground, its dev server carrying the key endpoint and (without OPENAI_API_KEY)
// the local Realtime emulator.
import { spawnSync } from 'node:child_process';
import { ensureDependencies } from './ensureDependencies.mjs';

ensureDependencies();
const args = [
  'node_modules/storybook/dist/bin/dispatcher.js',
  'dev',
  '-p',
  process.env.PORT ?? '6006',
  '--initial-path=/story/playground--live',
  ...process.argv.slice(2),
];
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
process.exit(result.status ?? 0);
