// Ready-made networks: the seed's three Keras models, the crash course's example, LeNet-5.

import type { Architecture } from './architecture';
import { makeArchitecture } from './architecture';

export interface Preset {
  id: string;
  name: string;
  /** One line on where the network comes from. */
  description: string;
  architecture: Architecture;
}

const relu = 'relu' as const;
const softmax = 'softmax' as const;

export const PRESETS: readonly Preset[] = [
  {
    id: 'seed-mlp',
    name: 'Baseline MLP (seed)',
    description: 'One hidden layer of 784 rectifier neurons; the seed reports 1.73% test error.',
    architecture: makeArchitecture(28, [
      { type: 'flatten' },
      { type: 'dense', units: 784, activation: relu },
      { type: 'dense', units: 10, activation: softmax },
    ]),
  },
  {
    id: 'seed-simple-cnn',
    name: 'Simple CNN (seed)',
    description: '32 5×5 filters, max pooling, dropout, 128 dense; the seed reports 1.00% test error.',
    architecture: makeArchitecture(28, [
      { type: 'conv2d', filters: 32, kernelSize: 5, strides: 1, padding: 'valid', activation: relu },
      { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'dropout', rate: 0.2 },
      { type: 'flatten' },
      { type: 'dense', units: 128, activation: relu },
      { type: 'dense', units: 10, activation: softmax },
    ]),
  },
  {
    id: 'seed-larger-cnn',
    name: 'Larger CNN (seed)',
    description: 'Two conv/pool stages and three dense layers; the seed reports 0.83% test error.',
    architecture: makeArchitecture(28, [
      { type: 'conv2d', filters: 30, kernelSize: 5, strides: 1, padding: 'valid', activation: relu },
      { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'conv2d', filters: 15, kernelSize: 3, strides: 1, padding: 'valid', activation: relu },
      { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'dropout', rate: 0.2 },
      { type: 'flatten' },
      { type: 'dense', units: 128, activation: relu },
      { type: 'dense', units: 50, activation: relu },
      { type: 'dense', units: 10, activation: softmax },
    ]),
  },
  {
    id: 'crash-course',
    name: 'Crash-course worked example',
    description: '32×32 input, 10 filters of 5×5, 2×2 pooling, 200 dense neurons, then the 10 digit outputs.',
    architecture: makeArchitecture(32, [
      { type: 'conv2d', filters: 10, kernelSize: 5, strides: 1, padding: 'valid', activation: relu },
      { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'flatten' },
      { type: 'dense', units: 200, activation: relu },
      { type: 'dense', units: 10, activation: softmax },
    ]),
  },
  {
    id: 'lenet5',
    name: 'LeNet-5 (today’s layers)',
    description: 'LeCun’s 1998 network on 32×32 digits, with ReLU and max pooling in place of its original units.',
    architecture: makeArchitecture(32, [
      { type: 'conv2d', filters: 6, kernelSize: 5, strides: 1, padding: 'valid', activation: relu },
      { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'conv2d', filters: 16, kernelSize: 5, strides: 1, padding: 'valid', activation: relu },
      { type: 'maxPooling2d', poolSize: 2, strides: 2, padding: 'valid' },
      { type: 'flatten' },
      { type: 'dense', units: 120, activation: relu },
      { type: 'dense', units: 84, activation: relu },
      { type: 'dense', units: 10, activation: softmax },
    ]),
  },
  {
    id: 'empty',
    name: 'Empty network',
    description: 'Start from nothing: add layers from the palette.',
    architecture: makeArchitecture(28, []),
  },
];

export const DEFAULT_PRESET_ID = 'seed-simple-cnn';

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}

/** The preset this architecture is exactly, if any (so the picker can show it). */
export function findPresetId(arch: Architecture): string | undefined {
  const text = JSON.stringify(arch);
  return PRESETS.find((p) => JSON.stringify(p.architecture) === text)?.id;
}
