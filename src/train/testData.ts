// Test helper: small synthetic digits that a tiny network learns in a few epochs.

import type { MnistBytes } from './dataset';
import { PIXELS } from './dataset';
import { rng } from './random';

/** Digits that are easy to tell apart: class d lights up row band d, plus noise. */
export function syntheticMnist(train: number, test: number): MnistBytes {
  const random = rng(42);
  const make = (n: number) => {
    const images = new Uint8Array(n * PIXELS);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const d = i % 10;
      labels[i] = d;
      for (let p = 0; p < PIXELS; p++) {
        const row = Math.floor(p / 28);
        const band = row >= 2 + d * 2.4 && row < 4.4 + d * 2.4;
        images[i * PIXELS + p] = band ? 200 + Math.floor(random() * 55) : Math.floor(random() * 40);
      }
    }
    return { images, labels };
  };
  const a = make(train);
  const b = make(test);
  return { trainImages: a.images, trainLabels: a.labels, testImages: b.images, testLabels: b.labels };
}
