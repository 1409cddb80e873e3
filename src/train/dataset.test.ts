// Batches built in JavaScript hold exactly the floats the device computes from the bytes (toFloat, ÷255, pad).
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeBatch, PIXELS } from './dataset';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('makeBatch', () => {
  const images = Uint8Array.from({ length: 5 * PIXELS }, (_, i) => (i * 37) % 256);
  const labels = Uint8Array.from([3, 1, 4, 1, 5]);
  const indices = [4, 0, 2, 2];

  it.each([28, 32])('gives the device’s own scaling, bit for bit, padded to %i', async (side) => {
    const { xs, labels: ys } = makeBatch({ images, labels }, indices, side);
    const expected = tf.tidy(() => {
      const raw = tf.tensor4d(Int32Array.from(indices.flatMap((i) => Array.from(images.subarray(i * PIXELS, (i + 1) * PIXELS)))), [4, 28, 28, 1], 'int32');
      const pad = (side - 28) / 2;
      return tf.pad(raw.toFloat().div(255), [[0, 0], [pad, pad], [pad, pad], [0, 0]]);
    });
    expect(xs.shape).toEqual([4, side, side, 1]);
    expect(Array.from(await xs.data())).toEqual(Array.from(await expected.data()));
    expect(Array.from(await ys.data())).toEqual([5, 3, 4, 4]);
    tf.dispose([xs, ys, expected]);
  });
});
