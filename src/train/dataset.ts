// A dataset held in the worker as bytes; batches are built on demand and normalised on the device.

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

/** Copy the images at `indices` into one int32 buffer (tfjs has no uint8 tensors). */
function gather(split: Split, indices: ArrayLike<number>): { pixels: Int32Array; labels: Int32Array } {
  const pixels = new Int32Array(indices.length * PIXELS);
  const labels = new Int32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const src = indices[i]! * PIXELS;
    pixels.set(split.images.subarray(src, src + PIXELS), i * PIXELS);
    labels[i] = split.labels[indices[i]!]!;
  }
  return { pixels, labels };
}

/**
 * A batch as tensors: xs [n, side, side, 1] scaled to [0, 1] (zero-padded by 2 for 32×32
 * networks), labels int32 [n]. The caller disposes both.
 */
export function makeBatch(split: Split, indices: ArrayLike<number>, side: number): { xs: tf.Tensor4D; labels: tf.Tensor1D } {
  const { pixels, labels } = gather(split, indices);
  const xs = tf.tidy(() => {
    const raw = tf.tensor4d(pixels, [indices.length, IMAGE_SIDE, IMAGE_SIDE, 1], 'int32');
    const scaled = raw.toFloat().div(255) as tf.Tensor4D;
    const pad = (side - IMAGE_SIDE) / 2;
    return pad > 0 ? tf.pad(scaled, [[0, 0], [pad, pad], [pad, pad], [0, 0]]) : scaled;
  });
  return { xs, labels: tf.tensor1d(labels, 'int32') };
}
