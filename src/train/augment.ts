// Augmentation on the device: every digit of a batch gets its own seeded shift, rotation and zoom.

import * as tf from '@tensorflow/tfjs';
import type { AugmentRanges } from '../model/augment';
import { sampleDistortion, transformRow } from '../model/augment';
import type { MnistBytes } from './dataset';
import type { AugmentPreview } from './protocol';
import { IMAGE_SIDE, makeBatch } from './dataset';
import type { Rng } from './random';
import { permutation, rng } from './random';

/**
 * Distort each image of `xs` [n, side, side, 1] by a distortion drawn from `random`. Bilinear
 * sampling, zeros (background) where the digit moved away from the frame. The caller disposes the
 * result; `xs` is left alone. Transform has no gradient, and needs none: it only touches inputs.
 */
export function distortImages(xs: tf.Tensor4D, ranges: AugmentRanges, random: Rng): tf.Tensor4D {
  const [n, side] = xs.shape;
  const rows = new Float32Array(n * 8);
  for (let i = 0; i < n; i++) rows.set(transformRow(sampleDistortion(ranges, random), side), i * 8);
  return tf.tidy(() => {
    const transforms = tf.tensor2d(rows, [n, 8]);
    if (tf.getBackend() !== 'cpu') return tf.image.transform(xs, transforms, 'bilinear', 'constant', 0);
    // tfjs 4.22's cpu Transform kernel returns after the first image of a batch and leaves the rest
    // blank, so on that backend go one image at a time.
    const one = (i: number) => tf.image.transform(xs.slice(i, 1), transforms.slice(i, 1), 'bilinear', 'constant', 0);
    return tf.concat(Array.from({ length: n }, (_, i) => one(i)));
  });
}

/** A batch as the training loop sees it once augmentation is on: new images, the same labels. */
export function augmentBatch<B extends { xs: tf.Tensor4D; labels: tf.Tensor1D }>(batch: B, ranges: AugmentRanges, random: Rng): B {
  return { ...batch, xs: distortImages(batch.xs, ranges, random) };
}

const toBytes = (pixels: Float32Array | Int32Array | Uint8Array) => Uint8Array.from(pixels, (v) => Math.round(Math.min(Math.max(v, 0), 1) * 255));

/** `count` training digits chosen by `seed`, before and after the same augmentation training applies. */
export async function previewAugmentation(data: MnistBytes, ranges: AugmentRanges, count: number, seed: number): Promise<AugmentPreview> {
  const indices = permutation(data.trainLabels.length, rng(seed)).slice(0, count);
  const batch = makeBatch({ images: data.trainImages, labels: data.trainLabels }, indices, IMAGE_SIDE);
  const augmented = augmentBatch(batch, ranges, rng(seed ^ 0x2545f491));
  try {
    const [before, after, labels] = await Promise.all([batch.xs.data(), augmented.xs.data(), augmented.labels.data()]);
    return {
      originals: toBytes(before),
      augmented: toBytes(after),
      labels: Uint8Array.from(indices, (i) => data.trainLabels[i]!),
      augmentedLabels: Uint8Array.from(labels),
      indices,
    };
  } finally {
    tf.dispose([batch.xs, batch.labels, augmented.xs]);
  }
}
