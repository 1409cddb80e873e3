// Colours for numbers: grey for activations, blue ↔ orange for signed values (weights, products, the heat map).
//
// Signed values use the Okabe–Ito sky blue (negative) and orange (positive) on black, so colour-blind
// readers tell them apart and both themes show the canvases alike (they carry their own black).

import { GRAYS } from '../inspect/paint';

export type Rgb = readonly [number, number, number];

const NEGATIVE: Rgb = [86, 180, 233];
const POSITIVE: Rgb = [230, 159, 0];

/** Black at 0, blue towards −max, orange towards +max; |v| beyond max is clamped. */
export function signedColor(v: number, max: number): Rgb {
  const t = max > 0 ? Math.min(1, Math.abs(v) / max) : 0;
  // A square root lifts small values, which are most of them, out of the black.
  const k = Math.sqrt(t);
  const [r, g, b] = v < 0 ? NEGATIVE : POSITIVE;
  return [Math.round(r * k), Math.round(g * k), Math.round(b * k)];
}

/** Grey from black (lo) to white (hi). */
export function grayColor(v: number, lo: number, hi: number): Rgb {
  const level = hi > lo ? Math.round((255 * Math.min(hi, Math.max(lo, v)) - 255 * lo) / (hi - lo)) : 0;
  // NaN (a diverged network) reads as black, as the canvas took it before.
  return GRAYS[level] ?? GRAYS[0]!;
}

/** CSS form of a colour. */
export function css([r, g, b]: Rgb): string {
  return `rgb(${r} ${g} ${b})`;
}

/** WCAG relative luminance of a colour. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** Black or white text, whichever has the higher contrast on `color` (one of them always reaches 4.5:1). */
export function textOn(color: Rgb): string {
  const l = luminance(color);
  return (l + 0.05) / 0.05 >= 1.05 / (l + 0.05) ? '#000' : '#fff';
}

export { paintCells } from '../inspect/paint';

/** Largest |v| of `values` (1 when all are 0, so nothing divides by zero). */
export function largestMagnitude(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  return max || 1;
}

/** A number for people: `digits` significant digits (4 unless told), plain for ordinary sizes. */
export function num(v: number, digits = 4): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-3) return v.toExponential(digits - 2);
  const s = v.toPrecision(digits);
  return s.includes('.') && !s.includes('e') ? s.replace(/0+$/, '').replace(/\.$/, '') : s;
}
