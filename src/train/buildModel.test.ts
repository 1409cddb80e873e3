// Cross-check: the builder's pure arithmetic against what tfjs-layers itself reports.
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../model/analyze';
import type { Architecture } from '../model/architecture';
import { PRESETS } from '../model/presets';
import { shapeKey } from '../model/shape';
import { buildModel } from './buildModel';
import { generate } from './testArchitectures';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => {
  tf.disposeVariables();
});

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
