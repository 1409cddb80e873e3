// Reading what a learner types: numbers written the way people write them, shapes, fractions, pixel ranges.

/** Spaces people put between digit groups: ordinary, no-break, thin, narrow no-break. */
const GROUP_SPACE = /[ \u00a0\u2009\u202f]/;

/** Trailing words a learner may add ("203,840 connections", "25 pixels") are ignored. */
const TRAILING_WORDS = /\s+[a-z][a-z\s]*$/i;

/**
 * A number as typed: "203,840", "203840", "203 840", "1.73", "1.73%", "-2". Groups must be of
 * three digits ("203,84" is refused, not read as 20,384). Null when it is not one number.
 */
export function parseNumber(text: string): number | null {
  let t = text.trim().replace(TRAILING_WORDS, '').replace(/%$/, '').trim();
  if (t === '' || t.length > 40) return null;
  const negative = t.startsWith('-') || t.startsWith('−');
  if (negative) t = t.slice(1);
  const [whole = '', fraction, ...more] = t.split('.');
  if (more.length > 0 || (fraction !== undefined && !/^\d+$/.test(fraction))) return null;
  const groups = whole.split(new RegExp(`,|${GROUP_SPACE.source}`));
  if (groups.length > 1) {
    const [first = '', ...rest] = groups;
    if (!/^\d{1,3}$/.test(first) || !rest.every((g) => /^\d{3}$/.test(g))) return null;
  } else if (!/^\d+$/.test(whole)) return null;
  const value = Number(groups.join('') + (fraction !== undefined ? `.${fraction}` : ''));
  return Number.isFinite(value) ? (negative ? -value : value) : null;
}

/**
 * A shape as typed: "14×14×10", "14x14x10", "14 x 14 x 10", "14*14*10", "(14, 14, 10)", or one
 * number for a flat shape ("128"). Null when it is not one.
 */
export function parseShape(text: string): number[] | null {
  const t = text.trim().replace(/^[([]\s*/, '').replace(/\s*[)\]]$/, '');
  if (t === '' || t.length > 40) return null;
  const bracketed = t !== text.trim();
  const parts = t.split(bracketed ? /\s*[,×xX*]\s*/ : /\s*[×xX*]\s*/);
  if (parts.length === 1) {
    const n = parseNumber(parts[0]!);
    return n !== null && Number.isInteger(n) && n > 0 ? [n] : null;
  }
  if (!parts.every((p) => /^\d{1,6}$/.test(p))) return null;
  return parts.map(Number);
}

/** "14×14×10": how the app writes a shape back to the learner. */
export function formatShape(dims: readonly number[]): string {
  return dims.join('×');
}

/**
 * A share of a whole as typed: "75%", "75", "0.75", "3/4", ".75". Returns the fraction (0.75).
 * A bare number above 1 is read as percent.
 */
export function parseFraction(text: string): number | null {
  const t = text.trim();
  const ratio = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (ratio) {
    const d = Number(ratio[2]);
    return d === 0 ? null : Number(ratio[1]) / d;
  }
  const n = parseNumber(t.startsWith('.') ? `0${t}` : t);
  if (n === null || n < 0) return null;
  return t.includes('%') || n > 1 ? n / 100 : n;
}

/** A block of input pixels, inclusive: rows top–bottom, columns left–right. */
export interface PixelRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/**
 * A range of pixels as typed: "rows 3–7, columns 7–11", "rows 3 to 7 cols 7 to 11", "3-7, 7-11",
 * the numbers as typed (people count rows from 1; see fromPeople). Rows come first unless the
 * text names columns first. Null unless it holds exactly four whole numbers.
 */
export function parsePixelRange(text: string): PixelRange | null {
  const t = text.toLowerCase();
  if (t.length > 80) return null;
  const numbers = t.match(/\d+/g);
  if (!numbers || numbers.length !== 4 || /\d\.\d/.test(t)) return null;
  const [a, b, c, d] = numbers.map(Number) as [number, number, number, number];
  const rowAt = t.search(/row/);
  const colAt = t.search(/col/);
  const columnsFirst = colAt >= 0 && (rowAt < 0 || colAt < rowAt);
  const [r0, r1, c0, c1] = columnsFirst ? [c, d, a, b] : [a, b, c, d];
  return { top: Math.min(r0, r1), bottom: Math.max(r0, r1), left: Math.min(c0, c1), right: Math.max(c0, c1) };
}

/** A range as people count it (from 1, as the app's views show rows and columns) turned into the app's own (from 0). */
export function fromPeople(r: PixelRange): PixelRange {
  return { top: r.top - 1, bottom: r.bottom - 1, left: r.left - 1, right: r.right - 1 };
}

/** A range counted from 0, written as people count it: "rows 7–11, columns 10–14". */
export function formatPixelRange(r: PixelRange): string {
  return `rows ${r.top + 1}–${r.bottom + 1}, columns ${r.left + 1}–${r.right + 1}`;
}
