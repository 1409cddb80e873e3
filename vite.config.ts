/// <reference types="vitest/config" />
// Vite config: React, cross-origin isolation headers (WASM threads need them), the CSP, unit tests.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorker } from './scripts/sw/plugin.ts';
import { contentSecurityPolicy, CSP_HEADER } from './scripts/csp.ts';

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), serviceWorker(), contentSecurityPolicy()],
  // Dev runs without the policy (Vite's React preamble is inline); the build and preview have it.
  server: { headers: isolationHeaders, host: '127.0.0.1', port: 5173 },
  preview: { headers: { ...isolationHeaders, 'Content-Security-Policy': CSP_HEADER }, host: '127.0.0.1', port: 4173 },
  build: {
    // bench.html is the benchmark's page for stock tfjs (scripts/bench.ts); the app never loads it.
    rolldownOptions: { input: { main: 'index.html', bench: 'bench.html' } },
  },
  worker: {
    format: 'es',
    // tfjs-backend-wasm starts its threads from its factory function's source text
    // (Function.prototype.toString); minifying the worker breaks that text, so leave it as is.
    rolldownOptions: { output: { minify: false } },
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // tfjs on the CPU backend takes seconds per test when the 2-core machine is shared; a slow
    // machine is not a failure (nothing here asserts time).
    testTimeout: 30_000,
  },
});
