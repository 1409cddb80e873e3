// Turns a picture of any size or colour (a decoded image file's RGBA) into a 28×28 example prepared as the dataset's images were.
//
// Pictures come as dark ink on light paper or light on dark, photographed or scanned, with or
// without transparency. The steps: grey level of each pixel (transparent parts read as the
// paper), the background's level from the picture's border, inverted when it is light so the
// ink is light on dark as in MNIST, the background subtracted and faint noise dropped, then the
// dataset's own preparation: `centred` (crop to the ink, long side to 20 pixels, centre of mass at
// the middle, as preprocessDigit does for drawings) or `filled` (crop to the object, long side to
// 28 pixels, centred in the frame, as Fashion-MNIST's product photos were).

import type { Preparation } from '../model/datasets';
import type { Gray } from './preprocess';
import { MNIST_SIDE, fitInk, placeInField, preprocessDigit } from './preprocess';

/** Ink below this share of the strongest ink is noise (paper grain, JPEG ringing) and dropped. */
export const NOISE_FLOOR = 0.12;

export interface PreparedImage {
  /** 28×28 bytes, or null when the picture holds no ink at all. */
  pixels: Uint8Array | null;
  /** The background was light, so the picture was inverted. */
  inverted: boolean;
}

/** Grey level 0 (black) … 255 (white) of RGBA pixels, transparent parts over white paper. */
export function grayOfRgba(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) {
    const r = rgba[i * 4]!;
    const g = rgba[i * 4 + 1]!;
    const b = rgba[i * 4 + 2]!;
    const a = rgba[i * 4 + 3]! / 255;
    // ITU-R BT.601 luma, as most grayscale conversions use.
    out[i] = a * (0.299 * r + 0.587 * g + 0.114 * b) + (1 - a) * 255;
  }
  return out;
}

/** The median grey level of the picture's outermost pixels: what its background is. */
export function borderLevel(gray: Float32Array, width: number, height: number): number {
  const values: number[] = [];
  for (let x = 0; x < width; x++) values.push(gray[x]!, gray[(height - 1) * width + x]!);
  for (let y = 1; y < height - 1; y++) values.push(gray[y * width]!, gray[y * width + width - 1]!);
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? 0;
}

/**
 * Ink from 0 (none) to 255 (full) for each pixel: light on dark whatever the picture was, with
 * the background at 0 and the strongest ink at 255.
 */
export function inkOfGray(gray: Float32Array, width: number, height: number): { ink: Gray & { pixels: Uint8Array }; inverted: boolean } {
  const background = borderLevel(gray, width, height);
  const inverted = background > 127;
  const raw = new Float32Array(gray.length);
  let strongest = 0;
  for (let i = 0; i < gray.length; i++) {
    const v = inverted ? background - gray[i]! : gray[i]! - background;
    raw[i] = v > 0 ? v : 0;
    if (raw[i]! > strongest) strongest = raw[i]!;
  }
  const pixels = new Uint8Array(gray.length);
  if (strongest > 0) {
    for (let i = 0; i < raw.length; i++) {
      const share = raw[i]! / strongest;
      pixels[i] = share < NOISE_FLOOR ? 0 : Math.round(share * 255);
    }
  }
  return { ink: { width, height, pixels }, inverted };
}

/** The object cropped, its long side fitted to 28 pixels, centred in the frame (Fashion-MNIST's way). */
export function fillFrame(img: Gray): Uint8Array | null {
  const fit = fitInk(img, MNIST_SIDE);
  if (!fit) return null;
  return placeInField(fit.fitted, fit.width, fit.height, Math.floor((MNIST_SIDE - fit.width) / 2), Math.floor((MNIST_SIDE - fit.height) / 2));
}

/** A picture's RGBA pixels as an example of a dataset prepared as `preparation` says. */
export function prepareImage(rgba: ArrayLike<number>, width: number, height: number, preparation: Preparation): PreparedImage {
  if (width < 1 || height < 1 || rgba.length !== width * height * 4) throw new Error(`expected ${width}×${height} RGBA pixels, found ${rgba.length} values`);
  const { ink, inverted } = inkOfGray(grayOfRgba(rgba, width, height), width, height);
  const pixels = preparation === 'filled' ? fillFrame(ink) : preprocessDigit(ink);
  return { pixels, inverted };
}

/** A drawing on the pad (ink in its alpha) prepared as the dataset's images were. */
export function prepareDrawing(img: Gray, preparation: Preparation): Uint8Array | null {
  return preparation === 'filled' ? fillFrame(img) : preprocessDigit(img);
}
