// Per-kernel times of one training step on a backend in Node: npx tsx scripts/profile-step.ts [preset] [backend] [batch] [--stock]
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { findPreset } from '../src/model/presets';
import { buildModel } from '../src/train/buildModel';
import { correctCount, crossEntropy } from '../src/train/metrics';
import { registerWasmKernels } from '../src/train/kernels';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const stock = process.argv.includes('--stock');
const [presetId = 'seed-simple-cnn', backend = 'wasm', batchText = '200'] = args;
const batch = Number(batchText);
if (!stock) registerWasmKernels();
await tf.setBackend(backend);
await tf.ready();

const arch = findPreset(presetId)!.architecture;
const model = buildModel(arch, 7);
const optimizer = tf.train.adam(0.001);
const side = arch.input.height;
const xs = tf.randomUniform([batch, side, side, 1]);
const labels = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 10), 'int32');

function step(): void {
  tf.tidy(() => {
    optimizer.minimize(() => {
      const probs = model.apply(xs, { training: true }) as tf.Tensor;
      correctCount(probs, labels);
      return crossEntropy(probs, labels);
    });
  });
}

// The machine may be busy: report the fastest of several runs, step by step and kernel by kernel.
for (let i = 0; i < 3; i++) step();
const runs = Number(process.env.RUNS ?? 8);
let fastest = Infinity;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  step();
  await model.getWeights()[0]!.data();
  fastest = Math.min(fastest, performance.now() - t0);
}
console.log(`${presetId} on ${backend}${stock ? ' (stock)' : ''}: fastest step ${fastest.toFixed(1)} ms, ${((batch * 1000) / fastest).toFixed(0)} ex/s`);

type Kernel = { name: string; ms: number; inputShapes: unknown; outputShapes: unknown };
let kernels: Kernel[] = [];
for (let i = 0; i < runs; i++) {
  const profile = await tf.profile(() => step());
  const these = profile.kernels.map((k) => ({ name: k.name, ms: k.kernelTimeMs as number, inputShapes: k.inputShapes, outputShapes: k.outputShapes }));
  kernels = i === 0 ? these : kernels.map((k, j) => ({ ...k, ms: Math.min(k.ms, these[j]?.ms ?? Infinity) }));
}
const byKernel = new Map<string, { ms: number; count: number }>();
for (const k of kernels) {
  const e = byKernel.get(k.name) ?? { ms: 0, count: 0 };
  e.ms += k.ms;
  e.count++;
  byKernel.set(k.name, e);
}
const total = [...byKernel.values()].reduce((a, b) => a + b.ms, 0);
console.log(`kernels: ${kernels.length}, sum of fastest ${total.toFixed(1)} ms`);
for (const [name, e] of [...byKernel].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) {
  console.log(`${name.padEnd(24)} ${e.ms.toFixed(2).padStart(8)} ms  x${e.count}`);
}
if (process.argv.includes('--each')) {
  for (const k of kernels.filter((k) => k.ms > 0.5)) {
    console.log(`  ${k.name} ${k.ms.toFixed(2)} ms in ${JSON.stringify(k.inputShapes)} out ${JSON.stringify(k.outputShapes)}`);
  }
}
