// Short constructors for the networks lessons set up and show, so each lesson reads as its layers.

import type { Architecture, Conv2DLayer, DenseLayer, InputSize, Layer, PoolingLayer } from '../../architecture';
import { makeArchitecture } from '../../architecture';
import { findPreset } from '../../presets';

export const conv = (filters: number, kernelSize: number, strides = 1, padding: Conv2DLayer['padding'] = 'valid'): Conv2DLayer => ({
  type: 'conv2d',
  filters,
  kernelSize,
  strides,
  padding,
  activation: 'relu',
});

export const maxPool = (poolSize = 2, strides = poolSize): PoolingLayer => ({ type: 'maxPooling2d', poolSize, strides, padding: 'valid' });
export const flatten: Layer = { type: 'flatten' };
export const dense = (units: number, activation: DenseLayer['activation'] = 'relu'): DenseLayer => ({ type: 'dense', units, activation });
export const output: DenseLayer = dense(10, 'softmax');
export const dropout = (rate: number): Layer => ({ type: 'dropout', rate });

export const net = (side: InputSize, layers: Layer[]): Architecture => makeArchitecture(side, layers);

/** A preset's network; lessons only name presets that exist (a unit test reads every one). */
export function preset(id: string): Architecture {
  const found = findPreset(id);
  if (!found) throw new Error(`No preset ${id}`);
  return found.architecture;
}

/** The worked example's conv layer: 10 filters of 5×5, stride 1, no padding. */
export const workedConv = conv(10, 5);
