// Per-kernel times of one training step in Node (the single-threaded SIMD build; scripts/profile-browser.ts runs
// the app's own build in Chromium):
//   npx tsx scripts/profile-step.ts [preset] [backend] [batch] [--stock] [--layers] [--each] [--cpu] [--arch FILE.json]
//   npx tsx scripts/profile-step.ts [preset] wasm [batch] --compare   alternate the fused and the layers path
// Wall times move with the machine's load; the CPU time the main thread spends a step moves far less.
import { readFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { parseArchitecture } from '../src/model/parse';
import { findPreset } from '../src/model/presets';
import { buildModel } from '../src/train/buildModel';
import { registerWasmKernels } from '../src/train/kernels';
import { StepCache } from '../src/train/fused/cache';
import type { StepPath } from '../src/train/step';
import { trainStep } from '../src/train/step';

const argv = process.argv.slice(2);
const archIndex = argv.indexOf('--arch');
const archFile = archIndex >= 0 ? argv[archIndex + 1] : undefined;
const args = argv.filter((a, i) => !a.startsWith('--') && (archIndex < 0 || i !== archIndex + 1));
const stock = argv.includes('--stock');
const [presetId = 'seed-simple-cnn', backend = 'wasm', batchText = '200'] = args;
const batch = Number(batchText);
if (!stock) registerWasmKernels();
await tf.setBackend(backend);
await tf.ready();

const parsed = archFile ? parseArchitecture(readFileSync(archFile, 'utf8')) : null;
if (parsed && !parsed.ok) throw new Error(parsed.error);
const arch = parsed?.ok ? parsed.architecture : findPreset(presetId)!.architecture;
const name = archFile ?? presetId;
const model = buildModel(arch, 7);
const optimizer = tf.train.adam(0.001);
const side = arch.input.height;
const xs = tf.randomUniform([batch, side, side, 1]);
const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32');
const runs = Number(process.env.RUNS ?? 8);
// One cache for the process, as the trainer keeps one a run.
const cache = new StepCache();

/** Nanoseconds this thread has run on a CPU (Linux's schedstat; other threads, such as the GC's, not counted). */
function threadCpuNs(): number {
  return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
}

/** One step; its wall and CPU milliseconds (the weights read back, so the work is done). */
async function timedStep(path: StepPath): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = threadCpuNs();
  tf.dispose(Object.values(trainStep(model, optimizer, xs, labels, { path, cache })));
  await model.getWeights()[0]!.data();
  return { wall: performance.now() - t0, cpu: (threadCpuNs() - c0) / 1e6 };
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
// --layers: tfjs-layers throughout (the path before the fused step, and the one other backends take).
const paths: StepPath[] = argv.includes('--compare') ? ['fused', 'layers'] : [argv.includes('--layers') || stock ? 'layers' : 'fused'];
const times = new Map<StepPath, { wall: number; cpu: number }[]>(paths.map((p) => [p, []]));
for (let i = 0; i < runs + 3; i++) {
  for (const path of paths) {
    const t = await timedStep(path);
    if (i >= 3) times.get(path)!.push(t); // the first steps compile kernels and create Adam's moments
  }
}
for (const [path, ts] of times) {
  const fastest = Math.min(...ts.map((t) => t.wall));
  console.log(`${name} on ${backend}${stock ? ' (stock)' : ''}, batch ${batch}, ${path} path: fastest step ${fastest.toFixed(1)} ms (${((batch * 1000) / fastest).toFixed(0)} ex/s), median CPU time ${median(ts.map((t) => t.cpu)).toFixed(1)} ms a step`);
}
if (argv.includes('--compare')) process.exit(0);

// --cpu: each kernel's time as this thread's CPU time, averaged over the runs (the clock ticks
// every few milliseconds, so single kernels are coarse but the mean is fair); otherwise the
// fastest wall time of each kernel over the runs.
const byCpu = argv.includes('--cpu');
if (byCpu) {
  const backendTimer = tf.backend() as unknown as { time: (f: () => void) => Promise<{ kernelMs: number }> };
  backendTimer.time = async (f) => {
    const c0 = threadCpuNs();
    f();
    return { kernelMs: (threadCpuNs() - c0) / 1e6 };
  };
}
type Kernel = { name: string; ms: number; inputShapes: unknown; outputShapes: unknown };
let kernels: Kernel[] = [];
for (let i = 0; i < runs; i++) {
  const profile = await tf.profile(() => tf.dispose(Object.values(trainStep(model, optimizer, xs, labels, { path: paths[0], cache }))));
  const these = profile.kernels.map((k) => ({ name: k.name, ms: k.kernelTimeMs as number, inputShapes: k.inputShapes, outputShapes: k.outputShapes }));
  const combine = (a: number, b: number) => (byCpu ? a + b / runs : Math.min(a, b));
  kernels = i === 0 ? these.map((k) => ({ ...k, ms: byCpu ? k.ms / runs : k.ms })) : kernels.map((k, j) => ({ ...k, ms: combine(k.ms, these[j]?.ms ?? 0) }));
}
// Custom-gradient ops appear under their scope name ('forward') around the kernels they run: left out of the sums.
const own = kernels.filter((k) => k.name !== 'forward');
const byKernel = new Map<string, { ms: number; count: number }>();
for (const k of own) {
  const e = byKernel.get(k.name) ?? { ms: 0, count: 0 };
  e.ms += k.ms;
  e.count++;
  byKernel.set(k.name, e);
}
const total = [...byKernel.values()].reduce((a, b) => a + b.ms, 0);
console.log(`kernels: ${own.length}, sum of ${byCpu ? 'mean CPU times' : 'fastest'} ${total.toFixed(1)} ms`);
for (const [kernel, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
  console.log(`${kernel.padEnd(28)} ${e.ms.toFixed(2).padStart(8)} ms  x${e.count}`);
}
if (argv.includes('--each')) {
  for (const k of own.filter((k) => k.ms > 0.5)) {
    console.log(`  ${k.name} ${k.ms.toFixed(2)} ms in ${JSON.stringify(k.inputShapes)} out ${JSON.stringify(k.outputShapes)}`);
  }
}
