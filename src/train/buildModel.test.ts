// Cross-check: the builder's pure arithmetic against what tfjs-layers itself reports.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../model/analyze';
import type { Architecture, Layer, Padding } from '../model/architecture';
import { makeArchitecture } from '../model/architecture';
import { PRESETS } from '../model/presets';
import { shapeKey } from '../model/shape';
import { buildModel } from './buildModel';
import { rng } from './random';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => {
  tf.disposeVariables();
});

/** A random valid architecture: conv/pool/bn blocks with odd sizes, both paddings, strides 1-3. */
function generate(seed: number): Architecture {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const size = pick([28, 32] as const);
  let side: number = size;
  const layers: Layer[] = [];
  const blocks = 1 + Math.floor(r() * 3);
  for (let b = 0; b < blocks && side >= 3; b++) {
    const padding: Padding = pick(['valid', 'same'] as const);
    const k = Math.min(pick([1, 2, 3, 4, 5, 7]), side);
    const s = pick([1, 2, 3]);
    layers.push({ type: 'conv2d', filters: 1 + Math.floor(r() * 12), kernelSize: k, strides: s, padding, activation: pick(['relu', 'tanh', 'linear'] as const) });
    side = padding === 'same' ? Math.ceil(side / s) : Math.floor((side - k) / s) + 1;
    if (r() < 0.3) layers.push({ type: 'batchNormalization' });
    if (side >= 2 && r() < 0.8) {
      const p = Math.min(pick([2, 3]), side);
      const ps = pick([1, 2, 3]);
      const pp: Padding = pick(['valid', 'same'] as const);
      layers.push({ type: pick(['maxPooling2d', 'averagePooling2d'] as const), poolSize: p, strides: ps, padding: pp });
      side = pp === 'same' ? Math.ceil(side / ps) : Math.floor((side - p) / ps) + 1;
    }
    if (r() < 0.3) layers.push({ type: 'dropout', rate: 0.25 });
  }
  layers.push({ type: 'flatten' });
  if (r() < 0.6) layers.push({ type: 'dense', units: 5 + Math.floor(r() * 60), activation: 'relu' });
  if (r() < 0.3) layers.push({ type: 'batchNormalization' });
  layers.push({ type: 'dense', units: 10, activation: 'softmax' });
  return makeArchitecture(size, layers);
}

function tfShapeKey(shape: tf.Shape | tf.Shape[]): string {
  const dims = (shape as (number | null)[]).slice(1);
  return dims.join('x');
}

function expectSameAsTfjs(arch: Architecture) {
  const analysis = analyze(arch);
  expect(analysis.valid).toBe(true);
  const model = buildModel(arch);
  try {
    expect(model.countParams()).toBe(analysis.totals.params);
    model.layers.forEach((layer, i) => {
      const row = analysis.rows[i]!;
      expect(shapeKey(row.outputShape!)).toBe(tfShapeKey(layer.outputShape));
      expect(layer.countParams()).toBe(row.params);
      const trainable = layer.trainableWeights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
      expect(trainable).toBe(row.trainableParams);
    });
  } finally {
    model.dispose();
  }
}

describe('builder arithmetic equals tfjs-layers', () => {
  it.each(PRESETS.filter((p) => p.id !== 'empty').map((p) => [p.id, p.architecture] as const))('preset %s', (_id, arch) => {
    expectSameAsTfjs(arch);
  });

  const seeds = Array.from({ length: 30 }, (_, i) => 1000 + i);
  it.each(seeds)('generated architecture, seed %i', (seed) => {
    expectSameAsTfjs(generate(seed));
  });

  it('the generator covers the cases that matter', () => {
    const all = seeds.flatMap((s) => generate(s).layers);
    const convs = all.filter((l) => l.type === 'conv2d');
    expect(new Set(convs.map((l) => l.strides))).toEqual(new Set([1, 2, 3]));
    expect(new Set(convs.map((l) => l.padding))).toEqual(new Set(['valid', 'same']));
    expect(all.some((l) => l.type === 'maxPooling2d')).toBe(true);
    expect(all.some((l) => l.type === 'averagePooling2d')).toBe(true);
    expect(convs.some((l) => l.kernelSize % 2 === 0)).toBe(true);
  });
});
