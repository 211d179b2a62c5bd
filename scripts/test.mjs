// `npm test`: type check, lint, format check, API reports, unit tests, then the browser tests in real Chromium,
// Firefox and WebKit. Every stage runs even when an earlier one fails, so one run reports everything; the closing
// line counts tests across stages.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ensureChromium } from './chromium.mjs';
import { ensureFirefox } from './firefox.mjs';
import { ensureWebKit } from './webkit.mjs';
import { ensureDependencies } from './ensureDependencies.mjs';

ensureDependencies();

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const bin = (name) => `node_modules/.bin/${name}`;
let passed = 0;
let failed = 0;
let skipped = 0;

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.error) console.error(`${label}: could not start ${cmd} (${r.error.message}); run \`npm ci\` and try again.`);
  return r.status === 0;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// Each whole-repository check counts as one check: an error anywhere is one failure, not silence.
function check(label, cmd, args) {
  if (run(label, cmd, args)) passed++;
  else failed++;
}
check('type check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
// No cache here: a type-aware finding can change when another file changes, which a per-file cache misses.
check('lint (eslint, zero warnings)', bin('eslint'), ['.', '--max-warnings', '0']);
check('format check (prettier)', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
check('API reports up to date (api-extractor)', process.execPath, ['scripts/api.mjs']);

const unitOk = run('unit tests (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${results}/unit.json`,
]);
const unit = readJson(`${results}/unit.json`);
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
  if (!unitOk && unit.numFailedTests === 0) failed++; // a suite that failed to load has no failed test
} else if (!unitOk) failed++;

if (existsSync('playwright.config.ts')) {
  ensureChromium();
  const e2eOk = run('browser tests (playwright, real Chromium)', bin('playwright'), ['test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/e2e.json`,
  });
  const e2e = readJson(`${results}/e2e.json`);
  if (e2e?.stats) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    skipped += e2e.stats.skipped;
    if (!e2eOk && e2e.stats.unexpected === 0) failed++;
  } else if (!e2eOk) failed++;
}

// The core flow again in real Firefox (its own Vitest run: puppeteer-core over WebDriver BiDi).
if (existsSync('e2e/firefox/vitest.config.ts')) {
  if (!ensureFirefox()) {
    // CI must run them; a laptop without Firefox reports them as skipped, loudly.
    console.log('\n▶ browser tests (Firefox): no Firefox found; install firefox-esr or set TALKWIRE_FIREFOX');
    if (process.env.CI) failed++;
    else skipped++;
  } else {
    const firefoxOk = run('browser tests (vitest, real Firefox)', bin('vitest'), [
      'run',
      '--config',
      'e2e/firefox/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}/firefox.json`,
    ]);
    const firefox = readJson(`${results}/firefox.json`);
    if (firefox) {
      passed += firefox.numPassedTests;
      failed += firefox.numFailedTests;
      skipped += firefox.numPendingTests + (firefox.numTodoTests ?? 0);
      if (!firefoxOk && firefox.numFailedTests === 0) failed++;
    } else if (!firefoxOk) failed++;
  }
}

// WebKit (WebKitGTK's MiniBrowser): no RTCPeerConnection there, so what runs is what does not need WebRTC.
if (existsSync('e2e/webkit/vitest.config.ts')) {
  if (!ensureWebKit()) {
    console.log('\n▶ browser tests (WebKit): no WebKitGTK found; install webkit2gtk-driver and xvfb');
    if (process.env.CI) failed++;
    else skipped++;
  } else {
    const webkitOk = run('browser tests (vitest, real WebKit)', bin('vitest'), [
      'run',
      '--config',
      'e2e/webkit/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${results}/webkit.json`,
    ]);
    const webkit = readJson(`${results}/webkit.json`);
    if (webkit) {
      passed += webkit.numPassedTests;
      failed += webkit.numFailedTests;
      skipped += webkit.numPendingTests + (webkit.numTodoTests ?? 0);
      if (!webkitOk && webkit.numFailedTests === 0) failed++;
    } else if (!webkitOk) failed++;
  }
}

const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
writeFileSync(`${results}/summary.txt`, line + '\n');
console.log(`\n${line}`);
process.exit(failed === 0 ? 0 : 1);
