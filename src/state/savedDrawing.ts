// The strokes on the drawing pad, kept in localStorage so a reload brings the digit back as drawn.

import { ownsSaving } from './tabs';

export type Stroke = { x: number; y: number }[];

const KEY = 'cnn-playground:drawing';
/** Far more than a digit takes; a larger value is not ours to trust. */
const MAX_POINTS = 20_000;
/** Points may leave the pad while a stroke goes on; not this far. */
const MAX_COORD = 10_000;

type Store = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
const local = (): Store | null => globalThis.localStorage ?? null;

const isPoint = (p: unknown): p is { x: number; y: number } =>
  typeof p === 'object' && p !== null && [(p as { x: unknown }).x, (p as { y: unknown }).y].every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_COORD);

/** The saved strokes, or none when nothing (or nothing valid) is saved. */
export function readStrokes(storage: Store | null = local()): Stroke[] {
  try {
    const raw: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]');
    if (!Array.isArray(raw) || !raw.every((s) => Array.isArray(s) && s.length > 0 && s.every(isPoint))) return [];
    const strokes = raw as Stroke[];
    if (strokes.reduce((n, s) => n + s.length, 0) > MAX_POINTS) return [];
    return strokes.map((s) => s.map(({ x, y }) => ({ x, y })));
  } catch {
    return [];
  }
}

/** Keep the strokes (exactly: the digit must come back pixel for pixel); forget them when empty. */
export function saveStrokes(strokes: readonly Stroke[], storage: Store | null = ownsSaving() ? local() : null): void {
  try {
    if (strokes.length === 0) storage?.removeItem(KEY);
    else storage?.setItem(KEY, JSON.stringify(strokes));
  } catch {
    // Private mode or full storage: the drawing lasts for this visit.
  }
}
