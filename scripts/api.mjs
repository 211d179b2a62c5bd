// API reports: one `api/<entry>.api.md` per package entry, made by API Extractor from the emitted declarations,
// so a change to the public API shows up in review as a diff of these files.
//   node scripts/api.mjs           check: fails when a committed report differs from the code (npm test)
//   node scripts/api.mjs --update  rewrite the reports (npm run api)
// The entries are package.json's `exports`; the declarations are the ones the package ships, emitted by
// `tsc -p tsconfig.build.json` (as `vite build` does for dist/types) into a fresh folder of their own, so no file
// left from an older build is read and dist is not rewritten. The JavaScript build is not needed for them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const update = process.argv.includes('--update');
// Not under node_modules: API Extractor treats every file there as another package's and would not follow it.
const cache = path.join(root, '.cache/api-extractor');
const types = path.join(cache, 'types');
const shipped = './dist/types/';

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
/** `"./core": { "types": "./dist/types/core.d.ts" }` -> talkwire/core, api/talkwire-core.api.md */
const entries = Object.entries(pkg.exports)
  .filter(([, target]) => typeof target === 'object' && target.types)
  .map(([key, target]) => {
    if (!target.types.startsWith(shipped))
      throw new Error(`${key}: types must be under ${shipped}, not ${target.types}`);
    const entry = key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`;
    return { entry, dts: path.join(types, target.types.slice(shipped.length)), report: entry.replaceAll('/', '-') };
  });

rmSync(types, { recursive: true, force: true });
mkdirSync(types, { recursive: true });
if (update) mkdirSync(path.join(root, 'api'), { recursive: true });
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', types],
  { cwd: root, stdio: 'inherit' },
);

const quiet = new Set([
  'console-preamble',
  'console-api-report-changed',
  'console-api-report-copied',
  'console-api-report-created',
  'console-api-report-missing',
  'console-api-report-not-copied',
]);

let failed = 0;
for (const { entry, dts, report } of entries) {
  const config = ExtractorConfig.prepare({
    configObjectFullPath: path.join(root, 'scripts/api.mjs'),
    packageJsonFullPath: path.join(root, 'package.json'),
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: dts,
      compiler: {
        // The declarations only, with the options they were emitted under (not the repository's tsconfig, which
        // maps talkwire's entries to their sources).
        overrideTsconfig: {
          compilerOptions: {
            target: 'ES2022',
            module: 'ESNext',
            moduleResolution: 'Bundler',
            lib: ['ES2022', 'DOM', 'DOM.Iterable'],
            types: ['node'],
            strict: true,
            exactOptionalPropertyTypes: true,
            skipLibCheck: true,
          },
          include: [types],
        },
        skipLibCheck: true,
      },
      apiReport: {
        enabled: true,
        reportFileName: report,
        reportFolder: path.join(root, 'api'),
        reportTempFolder: cache,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      newlineKind: 'lf',
      messages: {
        // Reports record the API; release tags and TSDoc syntax are not used in this project.
        extractorMessageReporting: {
          default: { logLevel: 'warning' },
          'ae-missing-release-tag': { logLevel: 'none', addToApiReportFile: false },
          'ae-undocumented': { logLevel: 'none' },
          // A type reachable from an entry but not exported by it: listed in the report for review, not fatal.
          'ae-forgotten-export': { logLevel: 'none', addToApiReportFile: true },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
  });
  const result = Extractor.invoke(config, {
    localBuild: update,
    typescriptCompilerFolder: path.join(root, 'node_modules/typescript'),
    showVerboseMessages: false,
    messageCallback(message) {
      // Said once below, with what to do next (and which TypeScript reads declarations is of no interest here).
      if (quiet.has(message.messageId)) message.handled = true;
    },
  });
  if (!result.succeeded || (!update && result.apiReportChanged)) {
    failed++;
    console.error(
      result.apiReportChanged && !update
        ? `api/${report}.api.md is out of date: ${entry}'s public API changed. Run \`npm run api\` and commit the report.`
        : `API Extractor found ${result.errorCount} errors and ${result.warningCount} warnings for ${entry}.`,
    );
  } else {
    console.log(`${entry}: api/${report}.api.md ${update && result.apiReportChanged ? 'updated' : 'up to date'}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
