// Diagnostics for the benchmark page: training steps of a network kernel by kernel, and the app's scoring of the test set.

import * as tf from '@tensorflow/tfjs';
import { parseArchitecture } from '../model/parse';
import { findPreset } from '../model/presets';
import { DEFAULT_SETTINGS } from '../model/training';
import { activate } from '../train/backends';
import { buildModel } from '../train/buildModel';
import { makeBatch } from '../train/dataset';
import { loadDataset } from '../train/loadDataset';
import { StepCache } from '../train/fused/cache';
import { trainStep } from '../train/step';
import { scoreSplit } from '../train/metrics';
import type { EvaluateRequest, EvaluateResult, KernelTime, ProfileRequest, ProfileResult } from './protocol';

export async function profileSteps(request: ProfileRequest): Promise<ProfileResult> {
  const architecture = request.architectureJson !== undefined ? parseArchitecture(request.architectureJson) : null;
  const arch = architecture ? (architecture.ok ? architecture.architecture : null) : findPreset(request.presetId ?? '')?.architecture;
  if (!arch) return { ok: false, error: `no network: ${architecture && !architecture.ok ? architecture.error : request.presetId}` };
  // Must be decided before the backend starts: tfjs picks its binary once.
  if (request.build === 'plain') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const { threads } = await activate('wasm', { threads: request.threads });
  const { bytes } = await loadDataset('mnist', () => undefined);
  const side = arch.input.height;
  const model = buildModel(arch, DEFAULT_SETTINGS.seed);
  const optimizer = tf.train.adam(DEFAULT_SETTINGS.learningRate);
  const ids = Array.from({ length: request.batchSize }, (_, i) => i);
  const { xs, labels } = makeBatch({ images: bytes.trainImages, labels: bytes.trainLabels }, ids, side);
  const path = request.path ?? 'fused';
  const cache = new StepCache();
  const step = () => tf.dispose(Object.values(trainStep(model, optimizer, xs, labels, { path, cache })));
  try {
    for (let i = 0; i < 3; i++) step();
    await model.getWeights()[0]!.data();
    const stepMs: number[] = [];
    for (let i = 0; i < request.steps; i++) {
      const t0 = performance.now();
      step();
      await model.getWeights()[0]!.data();
      stepMs.push(performance.now() - t0);
    }
    // Kernel times: the fastest of a few profiled steps, kernel by kernel in call order.
    let fastest: { name: string; ms: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const p = await tf.profile(step);
      const these = p.kernels.map((k) => ({ name: k.name, ms: Number(k.kernelTimeMs) }));
      fastest = i === 0 ? these : fastest.map((k, j) => ({ name: k.name, ms: Math.min(k.ms, these[j]?.ms ?? Infinity) }));
    }
    const byName = new Map<string, KernelTime>();
    for (const k of fastest) {
      const e = byName.get(k.name) ?? { name: k.name, ms: 0, count: 0 };
      e.ms += k.ms;
      e.count++;
      byName.set(k.name, e);
    }
    const build = request.build === 'plain' ? 'plain SIMD' : self.crossOriginIsolated ? 'threaded SIMD' : 'plain SIMD';
    return { ok: true, stepMs, kernels: [...byName.values()].sort((a, b) => b.ms - a.ms), threads, build, path };
  } finally {
    tf.dispose([xs, labels]);
    cache.dispose();
    optimizer.dispose();
    model.dispose();
  }
}

/** Seconds the app's own scoring takes over the first `count` test digits (weights untrained: the work is the same). */
export async function evaluateTime(request: EvaluateRequest): Promise<EvaluateResult> {
  const arch = findPreset(request.presetId)?.architecture;
  if (!arch) return { ok: false, error: `no preset ${request.presetId}` };
  const { threads } = await activate('wasm', { threads: request.threads });
  const { bytes } = await loadDataset('mnist', () => undefined);
  const model = buildModel(arch, DEFAULT_SETTINGS.seed);
  const test = { images: bytes.testImages, labels: bytes.testLabels };
  const indices = Uint32Array.from({ length: Math.min(request.count, bytes.testLabels.length) }, (_, i) => i);
  try {
    const seconds: number[] = [];
    for (let i = 0; i <= request.repeats; i++) {
      const t0 = performance.now();
      await scoreSplit(model, test, indices, arch.input.height, { keepPredictions: true });
      if (i > 0) seconds.push((performance.now() - t0) / 1000);
    }
    return { ok: true, seconds, threads };
  } finally {
    model.dispose();
  }
}
