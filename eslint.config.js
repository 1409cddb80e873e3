// Lint: typed TS rules, React hooks, and the import boundaries between layers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const tfjs = ['@tensorflow/*', '@tensorflow/**'];
const noEnums = { selector: 'TSEnumDeclaration', message: 'Use string unions or as-const objects.' };
/** Only state/worker.ts holds the worker client; everything else goes through its actions. */
const noClient = {
  selector: "MemberExpression[property.name='client']",
  message: 'Only state/worker.ts talks to the worker client: call a state action (askWorker, commandWorker) instead.',
};
/** The worker's modules other than its protocol (types) and the client (main-thread wrapper). */
const workerInternals = ['**/train/*', '!**/train/protocol', '!**/train/client'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/data', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', noEnums],
    },
  },
  {
    // Playwright fixtures call `use`, which is not React's; hooks rules apply to the app only.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['scripts/sw/service-worker.js'],
    languageOptions: { globals: { ...globals.serviceworker, __PRECACHE__: 'readonly' } },
  },
  {
    files: ['src/model/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['react', 'react-dom', 'react/*', 'zustand', 'zustand/*', ...tfjs], message: 'src/model is pure: no React, tfjs or zustand.' }],
      }],
    },
  },
  {
    files: ['src/data/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: tfjs, message: 'tfjs lives only in src/train (inside the worker).' }],
      }],
    },
  },
  {
    // The state reaches the worker through train/protocol (types) and train/client only.
    files: ['src/state/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: tfjs, message: 'tfjs lives only in src/train (inside the worker).' },
          { group: workerInternals, message: 'src/state reaches the worker only through train/protocol and train/client.' },
        ],
      }],
    },
  },
  {
    // Store tests drive the real client against the fake Worker.
    files: ['src/state/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: tfjs, message: 'tfjs lives only in src/train (inside the worker).' },
          { group: [...workerInternals, '!**/train/fakeWorker'], message: 'src/state tests reach the worker through train/client and the fake Worker.' },
        ],
      }],
    },
  },
  {
    files: ['src/state/**'],
    ignores: ['src/state/worker.ts', 'src/state/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', noEnums, noClient] },
  },
  {
    // Components read selectors and call actions; they never hold the worker client.
    files: ['src/ui/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: tfjs, message: 'tfjs lives only in src/train (inside the worker).' },
          { group: ['**/train/*', '!**/train/protocol'], message: 'src/ui reaches the worker only through state actions (and train/protocol types).' },
        ],
      }],
      'no-restricted-syntax': ['error', noEnums, noClient],
    },
  },
  {
    // The main-thread side of the boundary loads no tfjs.
    files: ['src/train/client.ts', 'src/train/protocol.ts', 'src/train/answer.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: tfjs, message: 'The client and protocol load on the main thread: no tfjs.' }],
      }],
    },
  },
);
