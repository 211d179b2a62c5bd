// `npm test`: type check, lint, format check, API reports, unit tests, then the browser tests in real Chromium,
// Firefox and WebKit. Every stage runs even when an earlier one fails, so one run reports everything; the closing
// lines give each stage's wall time and count tests across stages.
//
// The checks run two at a time (TALKWIRE_TEST_JOBS, default: the cores, at most 2): Vitest keeps one worker on a
// two-core machine while tsc, ESLint, Prettier, API Extractor and then the small Firefox and WebKit suites take the
// other lane. The Chromium suite, whose timing tests need the whole machine, runs last and alone.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { ensureChromium } from './chromium.mjs';
import { ensureFirefox } from './firefox.mjs';
import { ensureWebKit } from './webkit.mjs';
import { ensureDependencies } from './ensureDependencies.mjs';

const startedAt = Date.now();
ensureDependencies();

const results = 'test-results';
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const bin = (name) => `node_modules/.bin/${name}`;
let passed = 0;
let failed = 0;
let skipped = 0;
/** What failed, by name, repeated under the closing lines: a log cut to its tail still says what to look at. */
const failures = [];
/** Tests that passed only on their retry: counted as passed, and named. */
const flaky = [];
/** Wall time of each stage, in the order they finished. */
const stages = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  stages.push({ label, ms: Date.now() - started });
  if (r.error) console.error(`${label}: could not start ${cmd} (${r.error.message}); run \`npm ci\` and try again.`);
  return r.status === 0;
}

/** Runs a stage with its output held back, printed whole when it ends, so stages side by side do not interleave. */
function runQuiet(label, cmd, args, env = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    const output = [];
    const color = process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {};
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...color, ...env } });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    const finish = (ok, note = '') => {
      const ms = Date.now() - started;
      stages.push({ label, ms });
      process.stdout.write(`\n▶ ${label} (${seconds(ms)})\n`);
      process.stdout.write(Buffer.concat(output));
      if (note) console.error(note);
      resolve(ok);
    };
    child.once('error', (error) =>
      finish(false, `${label}: could not start ${cmd} (${error.message}); run \`npm ci\` and try again.`),
    );
    child.once('close', (code) => finish(code === 0));
  });
}

/** Runs `jobs` (longest first) on `width` lanes; resolves with each job's outcome. */
async function inLanes(jobs, width) {
  const queue = [...jobs];
  const lane = async () => {
    for (let job = queue.shift(); job; job = queue.shift())
      await job.done(await runQuiet(job.label, ...job.command, job.env), job.label);
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, lane));
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Adds a Vitest JSON report's counts; a run that failed without a failed test (a suite that did not load) fails. */
function countVitest(file, ok) {
  const report = readJson(file);
  if (report) {
    for (const suite of report.testResults ?? []) {
      const where = suite.name.startsWith(process.cwd()) ? suite.name.slice(process.cwd().length + 1) : suite.name;
      for (const test of suite.assertionResults ?? []) {
        if (test.status === 'failed') failures.push(`${where} › ${test.fullName ?? test.title}`);
        // Passed with failure messages: it failed, then passed on its retry.
        else if (test.status === 'passed' && test.failureMessages?.length) flaky.push(`${where} › ${test.fullName}`);
      }
      if (suite.status === 'failed' && !(suite.assertionResults ?? []).some((t) => t.status === 'failed'))
        failures.push(`${where}: ${String(suite.message ?? 'did not run').split('\n')[0]}`);
    }
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    if (!ok && report.numFailedTests === 0) failed++;
  } else if (!ok) {
    failed++;
    failures.push(`${file}: no report (the run did not finish)`);
  }
}

// Each whole-repository check counts as one check: an error anywhere is one failure, not silence.
const check = (ok, label) => {
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
};
/**
 * A browser suite run by Vitest (its own config), as a lane job; missing browsers are skipped loudly, and fail in
 * CI. Firefox and WebKit take one core each at most, so they share a lane with the single-threaded checks while
 * the unit tests hold the other: together they finish inside the unit tests' time.
 */
// Each browser suite serves its test pages on its own port: Firefox and WebKit may run at the same time.
const basePort = Number(process.env.TALKWIRE_E2E_PORT ?? 5174);

function browserSuite(name, config, ensure, install, port) {
  if (!existsSync(config)) return [];
  if (!ensure()) {
    console.log(`\n▶ browser tests (${name}): ${install}`);
    if (process.env.CI) {
      failed++;
      failures.push(`browser tests (${name}): ${install}`);
    } else skipped++;
    return [];
  }
  const file = `${results}/${name.toLowerCase()}.json`;
  return [
    {
      label: `browser tests (vitest, real ${name})`,
      command: [
        bin('vitest'),
        ['run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`],
      ],
      env: { TALKWIRE_E2E_PORT: String(port) },
      done: (ok) => countVitest(file, ok),
    },
  ];
}

const width = Math.max(1, Math.min(2, Number(process.env.TALKWIRE_TEST_JOBS) || availableParallelism()));
await inLanes(
  [
    {
      label: 'unit tests (vitest)',
      command: [
        bin('vitest'),
        // Both cores: much of the unit suite waits on sockets and timers, so a second worker overlaps that waiting
        // with the other lane's work (about 190 s -> 140 s here).
        [
          'run',
          `--maxWorkers=${width}`,
          // One more try for a failed test, named at the end when it passes then (see `flaky`).
          '--retry=1',
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${results}/unit.json`,
        ],
      ],
      done: (ok) => countVitest(`${results}/unit.json`, ok),
    },
    {
      label: 'API reports up to date (api-extractor)',
      command: [process.execPath, ['scripts/api.mjs']],
      done: check,
    },
    // No cache here: a type-aware finding can change when another file changes, which a per-file cache misses.
    {
      label: 'lint (eslint, zero warnings)',
      command: [bin('eslint'), ['.', '--max-warnings', '0']],
      done: check,
    },
    { label: 'type check', command: [bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']], done: check },
    {
      label: 'format check (prettier)',
      command: [bin('prettier'), ['--check', '.', '--log-level', 'warn']],
      done: check,
    },
    // The core flow again in real Firefox (puppeteer-core over WebDriver BiDi).
    ...browserSuite(
      'Firefox',
      'e2e/firefox/vitest.config.ts',
      ensureFirefox,
      'no Firefox found; install firefox-esr or set TALKWIRE_FIREFOX',
      basePort + 1,
    ),
    // WebKit (WebKitGTK's MiniBrowser): no RTCPeerConnection there, so what runs is the WebSocket transport.
    ...browserSuite(
      'WebKit',
      'e2e/webkit/vitest.config.ts',
      ensureWebKit,
      'no WebKitGTK found; install webkit2gtk-driver and xvfb',
      basePort + 2,
    ),
  ],
  width,
);

if (existsSync('playwright.config.ts')) {
  ensureChromium();
  const e2eOk = run('browser tests (playwright, real Chromium)', bin('playwright'), ['test'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/e2e.json`,
  });
  const e2e = readJson(`${results}/e2e.json`);
  if (e2e?.stats) {
    for (const title of playwrightTests(e2e.suites ?? [], 'unexpected')) failures.push(title);
    for (const title of playwrightTests(e2e.suites ?? [], 'flaky')) flaky.push(title);
    passed += e2e.stats.expected + e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    skipped += e2e.stats.skipped;
    if (!e2eOk && e2e.stats.unexpected === 0) {
      failed++;
      failures.push('browser tests (playwright): the run failed outside any test; see its output above');
    }
  } else if (!e2eOk) {
    failed++;
    failures.push('browser tests (playwright): no report (the run did not finish)');
  }
}

/**
 * `file:line › title` of each Playwright test with this outcome: `unexpected` (failed on every try) or `flaky`
 * (failed, then passed on its retry).
 */
function* playwrightTests(suites, status, titles = []) {
  for (const suite of suites) {
    const path = suite.title && !suite.file?.endsWith(suite.title) ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        if (test.status === status) yield `e2e/${spec.file}:${spec.line} › ${[...path, spec.title].join(' › ')}`;
    yield* playwrightTests(suite.suites ?? [], status, path);
  }
}

const line = `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`;
const timing = stages.map((s) => `  ${s.label}: ${seconds(s.ms)}`).join('\n');
const total = `  whole run: ${seconds(Date.now() - startedAt)}`;
writeFileSync(`${results}/summary.txt`, `${line}\n`);
writeFileSync(`${results}/stages.json`, JSON.stringify(stages, null, 2) + '\n');
if (flaky.length > 0)
  console.log(`\npassed only on a second try (flaky, counted as passed):\n${flaky.map((f) => `  ~ ${f}`).join('\n')}`);
if (failures.length > 0) console.log(`\nfailed:\n${failures.map((f) => `  ✘ ${f}`).join('\n')}`);
console.log(
  `\nwall time by stage (the checks, Firefox and WebKit ran ${width} at a time; Chromium alone):\n${timing}\n${total}\n\n${line}`,
);
process.exit(failed === 0 ? 0 : 1);
