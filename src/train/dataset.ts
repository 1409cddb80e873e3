// A dataset held in the worker as bytes; batches are built on demand, scaled to [0, 1] as they are built.

import * as tf from '@tensorflow/tfjs';
import type { DatasetBytes } from './protocol';

export const IMAGE_SIDE = 28;
export const PIXELS = IMAGE_SIDE * IMAGE_SIDE;

/** MNIST's bytes, or any dataset's: every dataset is 28×28 images with one label byte each. */
export type MnistBytes = DatasetBytes;

export interface Split {
  images: Uint8Array;
  labels: Uint8Array;
}

/**
 * Byte → float32 value/255, the very float the device would compute (a byte and 255 are exact in
 * float32, and a quotient rounded once from double is the correctly rounded float32 quotient).
 */
const SCALED = Float32Array.from({ length: 256 }, (_, b) => b / 255);

/**
 * A batch as tensors: xs [n, side, side, 1] scaled to [0, 1] (zero-padded by 2 for 32×32
 * networks), labels int32 [n]. The caller disposes both. Built as float32 here, so the device
 * gets one upload per batch and runs no conversion kernels.
 */
export function makeBatch(split: Split, indices: ArrayLike<number>, side: number): { xs: tf.Tensor4D; labels: tf.Tensor1D } {
  const pad = (side - IMAGE_SIDE) / 2;
  const pixels = new Float32Array(indices.length * side * side);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i]! * PIXELS;
    labels[i] = split.labels[indices[i]!]!;
    for (let r = 0; r < IMAGE_SIDE; r++) {
      const from = src + r * IMAGE_SIDE;
      const to = (i * side + r + pad) * side + pad;
      for (let c = 0; c < IMAGE_SIDE; c++) pixels[to + c] = SCALED[split.images[from + c]!]!;
    }
  }
  return { xs: tf.tensor4d(pixels, [indices.length, side, side, 1]), labels: tf.tensor1d(labels, 'int32') };
}
