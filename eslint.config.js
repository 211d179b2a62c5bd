// ESLint for the whole repository: `npm run lint` (zero warnings allowed). TypeScript files get typescript-eslint's
// type-aware rules through the project service, which reuses tsconfig.json, so there is no second list of files.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // What .gitignore leaves out, at any depth (Prettier reads .gitignore itself; ESLint does not).
  globalIgnores(['**/dist/', '**/test-results/', '**/playwright-report/', '**/storybook-static/', '**/.cache/']),
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: globals.node },
  },
  {
    // Loaded into an AudioWorkletGlobalScope as is (`audioWorklet.addModule`), not into Node.
    files: ['e2e/pages/*.js'],
    languageOptions: { globals: globals.audioWorklet },
  },
  {
    // Node scripts whose `page.evaluate()` callbacks run in the browser.
    files: ['scripts/screenshots.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['.storybook/*.ts', '.storybook/*.tsx'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Promises are the riskiest part of a session's life: a dropped or misused one loses an error or a cleanup.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      // An `async` function without `await` is how a test double or a handler implements a promise-returning
      // interface, and it turns a throw into a rejection; both are intended here.
      '@typescript-eslint/require-await': 'off',
      // `const { a, ...rest } = props` drops `a` on purpose; an `_` prefix marks a parameter kept for its position.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Only React code: elsewhere a function named `use` is not a hook.
    files: ['src/react/**/*.{ts,tsx}', '**/*.tsx'],
    extends: [reactHooks.configs.flat.recommended],
  },
);
