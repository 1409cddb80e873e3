// Tests for preparing uploaded pictures: any size or colour becomes 28×28 light-on-dark ink, prepared as the dataset's images were.
import { describe, expect, it } from 'vitest';
import { borderLevel, fillFrame, grayOfRgba, prepareImage } from './imageFile';
import { centreOfMass, inkBounds, preprocessDigit } from './preprocess';

type Rgba = [number, number, number, number];

/** A width×height RGBA picture of `paper`, with `ink` inside the rectangle [x0, x1) × [y0, y1). */
function picture(width: number, height: number, paper: Rgba, ink: Rgba, rect: [number, number, number, number]): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= rect[0] && x < rect[2] && y >= rect[1] && y < rect[3];
      out.set(inside ? ink : paper, (y * width + x) * 4);
    }
  }
  return out;
}

const box = (pixels: Uint8Array) => {
  const b = inkBounds({ width: 28, height: 28, pixels })!;
  return { ...b, w: b.x1 - b.x0, h: b.y1 - b.y0 };
};

const WHITE: Rgba = [255, 255, 255, 255];
const BLACK: Rgba = [0, 0, 0, 255];

describe('prepareImage', () => {
  // A vertical bar, 10 wide and 50 tall, off to one side of a 120×80 picture.
  const bar: [number, number, number, number] = [90, 10, 100, 60];

  it('turns dark ink on white paper into light ink on dark, cropped, fitted to 20 and centred by mass', () => {
    const { pixels, inverted } = prepareImage(picture(120, 80, WHITE, BLACK, bar), 120, 80, 'centred');
    expect(inverted).toBe(true);
    const b = box(pixels!);
    expect(b.h).toBe(20);
    expect(b.w).toBe(4);
    const com = centreOfMass(pixels!, 28);
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.max(...pixels!)).toBe(255);
  });

  it('gives the same example for the same shape light on dark, in colour, or on a transparent background', () => {
    const darkOnLight = prepareImage(picture(120, 80, WHITE, BLACK, bar), 120, 80, 'centred').pixels;
    const lightOnDark = prepareImage(picture(120, 80, BLACK, WHITE, bar), 120, 80, 'centred');
    expect(lightOnDark.inverted).toBe(false);
    expect(lightOnDark.pixels).toEqual(darkOnLight);
    // Dark blue ink on yellow paper.
    const colour = prepareImage(picture(120, 80, [250, 230, 60, 255], [20, 30, 120, 255], bar), 120, 80, 'centred');
    expect(colour.inverted).toBe(true);
    expect(colour.pixels).toEqual(darkOnLight);
    // Black ink on nothing at all (a PNG's transparent background reads as paper).
    const transparent = prepareImage(picture(120, 80, [0, 0, 0, 0], BLACK, bar), 120, 80, 'centred');
    expect(transparent.inverted).toBe(true);
    expect(transparent.pixels).toEqual(darkOnLight);
  });

  it('drops paper grain and finds only the ink', () => {
    const rgba = picture(120, 80, WHITE, BLACK, bar);
    // Grain: every seventh pixel a little grey, as a photo of paper has.
    for (let i = 0; i < 120 * 80; i += 7) if (rgba[i * 4] === 255) rgba.fill(238, i * 4, i * 4 + 3);
    expect(prepareImage(rgba, 120, 80, 'centred').pixels).toEqual(prepareImage(picture(120, 80, WHITE, BLACK, bar), 120, 80, 'centred').pixels);
  });

  it('says a blank picture holds nothing, and refuses pixels that do not match the size', () => {
    expect(prepareImage(picture(30, 30, WHITE, WHITE, [0, 0, 0, 0]), 30, 30, 'centred').pixels).toBeNull();
    expect(() => prepareImage(new Uint8ClampedArray(10), 3, 3, 'centred')).toThrow('expected 3×3 RGBA pixels, found 10 values');
  });

  it('fills the frame for Fashion-MNIST: long side to 28, centred in the frame, not by mass', () => {
    // A wide object, 80×40, in a 200×100 picture.
    const { pixels } = prepareImage(picture(200, 100, WHITE, BLACK, [100, 50, 180, 90]), 200, 100, 'filled');
    const b = box(pixels!);
    expect([b.w, b.h, b.x0, b.y0]).toEqual([28, 14, 0, 7]);
  });

  it('matches preprocessDigit on ink that is already light on dark', () => {
    const rgba = picture(60, 60, BLACK, WHITE, [10, 20, 50, 30]);
    const gray = grayOfRgba(rgba, 60, 60);
    expect(borderLevel(gray, 60, 60)).toBe(0);
    const ink = { width: 60, height: 60, pixels: Uint8Array.from(gray, (v) => Math.round(v)) };
    expect(prepareImage(rgba, 60, 60, 'centred').pixels).toEqual(preprocessDigit(ink));
    expect(fillFrame({ width: 60, height: 60, pixels: new Uint8Array(3600) })).toBeNull();
  });
});
