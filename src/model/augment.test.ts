// Distortion sampling and the transform rows handed to tf.image.transform.
import { describe, expect, it } from 'vitest';
import type { Distortion } from './augment';
import { rng } from '../train/random';
import { IDENTITY, distortPoint, sampleDistortion, transformRow } from './augment';

/** Where transform samples the input for output pixel (x, y). */
function sampleAt(row: number[], x: number, y: number): [number, number] {
  const [a0, a1, a2, b0, b1, b2] = row as [number, number, number, number, number, number];
  return [a0 * x + a1 * y + a2, b0 * x + b1 * y + b2];
}

describe('transformRow', () => {
  it('is the identity for no distortion', () => {
    expect(transformRow(IDENTITY, 28).map((v) => v + 0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
  });

  it('samples 2 pixels to the left for a shift of 2 to the right', () => {
    expect(sampleAt(transformRow({ ...IDENTITY, dx: 2 }, 28), 10, 7)).toEqual([8, 7]);
  });

  it('keeps the centre fixed under rotation and zoom', () => {
    const [x, y] = sampleAt(transformRow({ dx: 0, dy: 0, angle: 0.3, scale: 1.2 }, 28), 13.5, 13.5);
    expect(x).toBeCloseTo(13.5, 10);
    expect(y).toBeCloseTo(13.5, 10);
  });

  it('zooming in by 25% samples nearer the centre', () => {
    const [x] = sampleAt(transformRow({ ...IDENTITY, scale: 1.25 }, 28), 23.5, 13.5);
    expect(x).toBeCloseTo(13.5 + 10 / 1.25, 10);
  });

  it('undoes distortPoint for random distortions on both input sizes', () => {
    const random = rng(3);
    for (let i = 0; i < 50; i++) {
      const d: Distortion = sampleDistortion({ shiftPixels: 4, rotationDegrees: 30, zoomPercent: 20 }, random);
      const side = i % 2 === 0 ? 28 : 32;
      const px = random() * side;
      const py = random() * side;
      const [qx, qy] = distortPoint(d, side, px, py);
      const [bx, by] = sampleAt(transformRow(d, side), qx, qy);
      expect(bx).toBeCloseTo(px, 9);
      expect(by).toBeCloseTo(py, 9);
    }
  });

  it('turns clockwise on screen for a positive angle (rows grow downwards)', () => {
    // The point right of centre moves down.
    const [x, y] = distortPoint({ ...IDENTITY, angle: Math.PI / 2 }, 28, 23.5, 13.5);
    expect(x).toBeCloseTo(13.5, 10);
    expect(y).toBeCloseTo(23.5, 10);
  });
});

describe('sampleDistortion', () => {
  it('stays within the ranges and covers both directions', () => {
    const random = rng(11);
    const ds = Array.from({ length: 500 }, () => sampleDistortion({ shiftPixels: 2, rotationDegrees: 10, zoomPercent: 10 }, random));
    for (const d of ds) {
      expect(Math.abs(d.dx)).toBeLessThanOrEqual(2);
      expect(Math.abs(d.dy)).toBeLessThanOrEqual(2);
      expect(Math.abs(d.angle)).toBeLessThanOrEqual((10 * Math.PI) / 180);
      expect(d.scale).toBeGreaterThanOrEqual(0.9);
      expect(d.scale).toBeLessThanOrEqual(1.1);
    }
    expect(Math.min(...ds.map((d) => d.dx))).toBeLessThan(-1.5);
    expect(Math.max(...ds.map((d) => d.dx))).toBeGreaterThan(1.5);
    expect(Math.min(...ds.map((d) => d.scale))).toBeLessThan(0.95);
    expect(Math.max(...ds.map((d) => d.angle))).toBeGreaterThan(0.1);
  });

  it('is the identity when every range is 0', () => {
    const d = sampleDistortion({ shiftPixels: 0, rotationDegrees: 0, zoomPercent: 0 }, rng(1));
    expect(transformRow(d, 28).map((v) => v + 0)).toEqual([1, 0, 0, 0, 1, 0, 0, 0]);
  });
});
