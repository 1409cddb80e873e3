// Per-kernel times of training steps in headless Chromium (the app's own WASM build, threads and all):
//   npx tsx scripts/profile-browser.ts [preset] [batch] [--threads N] [--build plain|threaded] [--path fused|layers]
//     [--arch FILE.json] [--steps N] [--port N] [--no-build] [--each]
// The Node profiler (profile-step.ts) runs the single-threaded SIMD build only; this one runs what the app runs.
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from '../e2e/browser';
import type { BenchApi } from '../src/bench/main';
import type { ProfileRequest } from '../src/bench/protocol';
import { build, serve } from './bench/server';

const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const valued = new Set(['threads', 'build', 'path', 'arch', 'steps', 'port']);
const positional = argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && valued.has(argv[i - 1]!.slice(2))));
const [presetId = 'seed-simple-cnn', batchText = '200'] = positional;
const archFile = option('arch');
const request: ProfileRequest = {
  ...(archFile ? { architectureJson: readFileSync(archFile, 'utf8') } : { presetId }),
  batchSize: Number(batchText),
  steps: Number(option('steps') ?? 10),
  threads: option('threads') === undefined ? undefined : Number(option('threads')),
  build: option('build') as ProfileRequest['build'],
  path: option('path') as ProfileRequest['path'],
};

if (!argv.includes('--no-build')) build();
const server = await serve(Number(option('port') ?? 4303));
const browser = await chromium.launch({ executablePath: chromiumExecutable(), args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/bench.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const result = await page.evaluate((r) => (window as unknown as { cnnBench: BenchApi }).cnnBench.profile(r), request);
  if (!result.ok) throw new Error(result.error);
  const sorted = [...result.stepMs].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const name = archFile ?? presetId;
  console.log(`${name}, batch ${request.batchSize}, ${result.build}, ${result.threads} thread(s), ${result.path} path`);
  console.log(`step: fastest ${sorted[0]!.toFixed(1)} ms, median ${median.toFixed(1)} ms → ${Math.round((request.batchSize * 1000) / median)} ex/s (median)`);
  const total = result.kernels.reduce((a, k) => a + k.ms, 0);
  console.log(`kernels: ${result.kernels.reduce((a, k) => a + k.count, 0)} calls, ${total.toFixed(1)} ms in kernels`);
  for (const k of result.kernels.slice(0, 25)) console.log(`${k.name.padEnd(28)} ${k.ms.toFixed(2).padStart(8)} ms  x${k.count}`);
} finally {
  await browser.close();
  server.stop();
}
