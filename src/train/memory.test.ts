// Evaluation and inspection passes obey the limit on layer outputs, counted as the builder counts them.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../model/analyze';
import { makeArchitecture } from '../model/architecture';
import { findPreset } from '../model/presets';
import { buildModel } from './buildModel';
import { activationsOf, safeChunk } from './memory';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('layer outputs per pass', () => {
  it('counts what the builder counts, for every seed network', () => {
    for (const id of ['seed-mlp', 'seed-simple-cnn', 'seed-larger-cnn', 'lenet5', 'best']) {
      const arch = findPreset(id)!.architecture;
      const model = buildModel(arch);
      expect(activationsOf(model), id).toBe(analyze(arch).totals.activations);
      expect(safeChunk(model, 500), id).toBe(500);
      model.dispose();
    }
  });

  it('cuts the evaluation chunk for a network whose outputs are huge', () => {
    const wide = makeArchitecture(28, [
      { type: 'conv2d', filters: 40_000, kernelSize: 1, strides: 1, padding: 'valid', activation: 'relu' },
      { type: 'maxPooling2d', poolSize: 28, strides: 28, padding: 'valid' },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ]);
    const model = buildModel(wide);
    expect(safeChunk(model, 500)).toBe(3);
    expect(safeChunk(model, 2)).toBe(2);
    model.dispose();
  });
});
