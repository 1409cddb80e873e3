// Lint: typed TS rules, React hooks, and the import boundaries between layers.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const tfjs = ['@tensorflow/*', '@tensorflow/**'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/data', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'TSEnumDeclaration', message: 'Use string unions or as-const objects.' }],
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
    files: ['src/ui/**', 'src/state/**', 'src/data/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: tfjs, message: 'tfjs lives only in src/train (inside the worker).' }],
      }],
    },
  },
);
