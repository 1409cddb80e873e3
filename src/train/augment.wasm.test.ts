// The wasm backend (what most machines train on) distorts every digit of a batch as the cpu reference does.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { distortImages } from './augment';
import { rng } from './random';

const ranges = { shiftPixels: 3, rotationDegrees: 20, zoomPercent: 15 };

async function distortOn(backend: 'cpu' | 'wasm', pixels: Float32Array, n: number, side: number): Promise<Float32Array> {
  expect(await tf.setBackend(backend)).toBe(true);
  const xs = tf.tensor4d(pixels, [n, side, side, 1]);
  const out = distortImages(xs, ranges, rng(21));
  const values = (await out.data()) as Float32Array;
  tf.dispose([xs, out]);
  return values;
}

describe('distortImages on wasm', () => {
  it('matches the cpu reference image by image, on both input sizes', async () => {
    for (const side of [28, 32]) {
      const n = 6;
      const random = rng(side);
      const pixels = Float32Array.from({ length: n * side * side }, () => (random() < 0.3 ? random() : 0));
      const [cpu, wasm] = [await distortOn('cpu', pixels, n, side), await distortOn('wasm', pixels, n, side)];
      const per = side * side;
      for (let i = 0; i < n; i++) {
        const img = wasm.subarray(i * per, (i + 1) * per);
        // Not blank, not the original, and the same as the reference.
        expect(img.some((v) => v > 0)).toBe(true);
        expect(Array.from(img)).not.toEqual(Array.from(pixels.subarray(i * per, (i + 1) * per)));
        const worst = Math.max(...Array.from(img, (v, k) => Math.abs(v - cpu[i * per + k]!)));
        expect(worst).toBeLessThan(1e-4);
      }
    }
  });
});
