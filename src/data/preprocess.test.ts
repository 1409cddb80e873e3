// Preprocessing of drawn digits: crop, fit to 20 px, centre by mass, as MNIST was made.
import { describe, expect, it } from 'vitest';
import type { Gray } from './preprocess';
import { centreOfMass, inkBounds, inkFromRgba, preprocessDigit, resampleArea } from './preprocess';

const SIDE = 280;

/** A blank canvas-sized image. */
function blank(width = SIDE, height = SIDE): Gray & { pixels: Uint8Array } {
  return { width, height, pixels: new Uint8Array(width * height) };
}

/** A round brush of radius r along a segment, with a one-pixel grey rim like an anti-aliased stroke. */
function stroke(img: Gray & { pixels: Uint8Array }, ax: number, ay: number, bx: number, by: number, r: number) {
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2));
      const d = Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
      const v = Math.round(255 * Math.max(0, Math.min(1, r + 0.5 - d)));
      const i = y * img.width + x;
      img.pixels[i] = Math.max(img.pixels[i]!, v);
    }
  }
  return img;
}

function fill(img: Gray & { pixels: Uint8Array }, x0: number, y0: number, x1: number, y1: number, v = 255) {
  for (let y = y0; y < y1; y++) img.pixels.fill(v, y * img.width + x0, y * img.width + x1);
  return img;
}

const sum = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0);

function box28(out: Uint8Array, side = 28) {
  const b = inkBounds({ width: side, height: side, pixels: out })!;
  return { ...b, w: b.x1 - b.x0, h: b.y1 - b.y0 };
}

describe('preprocessDigit', () => {
  it('centres and scales a small vertical stroke drawn in a corner', () => {
    // A stroke 10 px wide and 60 px long near the top-left corner of a 280×280 canvas.
    const img = stroke(blank(), 40, 30, 40, 90, 5);
    const src = inkBounds(img)!;
    const out = preprocessDigit(img)!;
    expect(out).toHaveLength(784);

    const b = box28(out);
    expect(b.h).toBe(20); // the long side fills the 20-pixel box
    const srcW = src.x1 - src.x0;
    const srcH = src.y1 - src.y0;
    expect(b.w).toBe(Math.round((srcW * 20) / srcH)); // aspect ratio kept

    // Area averaging keeps the ink, divided by the area each output pixel covers.
    const area = (srcW / b.w) * (srcH / b.h);
    const expected = sum(img.pixels) / area;
    expect(Math.abs(sum(out) - expected)).toBeLessThanOrEqual(0.5 * b.w * b.h); // rounding, at most half a level per pixel
    expect(sum(out) / 255).toBeGreaterThan(30);

    const com = centreOfMass(out, 28);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
  });

  it('centres by the centre of mass, not the middle of the box', () => {
    // An L: a tall bar on the left with a long foot, so mass sits low and left of the box's middle.
    const img = blank();
    fill(img, 150, 150, 165, 250);
    fill(img, 150, 230, 230, 250);
    const out = preprocessDigit(img)!;
    const b = box28(out);
    expect(b.h).toBe(20);
    expect(b.w).toBe(16); // 80 × 20/100
    const com = centreOfMass(out, 28);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    // The box's own middle is well away from (14, 14): the shift followed the mass.
    expect((b.y0 + b.y1 - 1) / 2).toBeLessThan(13);
    expect((b.x0 + b.x1 - 1) / 2).toBeGreaterThan(15);
  });

  it('fits a wide stroke by its width', () => {
    const img = stroke(blank(), 20, 200, 140, 210, 8);
    const b = box28(preprocessDigit(img)!);
    expect(b.w).toBe(20);
    expect(b.h).toBeLessThan(10);
  });

  it('turns anti-aliased stroke edges into grey pixels, with full ink in the middle', () => {
    const out = preprocessDigit(stroke(blank(), 100, 40, 120, 240, 12))!;
    const values = Array.from(out).filter((v) => v > 0);
    expect(Math.max(...values)).toBe(255);
    expect(values.some((v) => v > 20 && v < 235)).toBe(true);
  });

  it('scales a tiny dot up to the 20-pixel box', () => {
    const img = fill(blank(), 7, 9, 11, 13); // 4×4 pixels
    const out = preprocessDigit(img)!;
    const b = box28(out);
    expect([b.w, b.h]).toEqual([20, 20]);
    expect(sum(out)).toBe(400 * 255);
  });

  it('pads by 2 pixels on each side for 32×32 networks', () => {
    const img = stroke(blank(), 200, 50, 180, 150, 6);
    const small = preprocessDigit(img)!;
    const big = preprocessDigit(img, 32)!;
    expect(big).toHaveLength(1024);
    expect(sum(big)).toBe(sum(small));
    for (let y = 0; y < 28; y++) expect(Array.from(big.subarray((y + 2) * 32 + 2, (y + 2) * 32 + 30))).toEqual(Array.from(small.subarray(y * 28, y * 28 + 28)));
    const com = centreOfMass(big, 32);
    expect(Math.abs(com.x - 16)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 16)).toBeLessThanOrEqual(0.5);
  });

  it('gives null for an empty canvas', () => {
    expect(preprocessDigit(blank())).toBeNull();
  });
});

describe('resampleArea', () => {
  it('keeps the total ink (times the area ratio) of any image', () => {
    const img = blank(37, 23);
    img.pixels.forEach((_, i) => (img.pixels[i] = (i * 7919) % 256));
    const out = resampleArea(img, { x0: 3, y0: 2, x1: 36, y1: 22 }, 11, 7);
    let inside = 0;
    for (let y = 2; y < 22; y++) for (let x = 3; x < 36; x++) inside += img.pixels[y * 37 + x]!;
    const area = (33 / 11) * (20 / 7);
    expect(sum(out) * area).toBeCloseTo(inside, 1);
  });
});

describe('inkFromRgba', () => {
  it('reads the alpha channel as ink', () => {
    const rgba = new Uint8ClampedArray([255, 255, 255, 0, 255, 255, 255, 128, 0, 0, 0, 255]);
    expect(Array.from(inkFromRgba(rgba, 3, 1).pixels)).toEqual([0, 128, 255]);
  });
});
