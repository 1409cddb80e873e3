// Sorting the run history table: by any column, either way, runs without a value always last.

import type { RunRecord } from './record';

export const SORT_KEYS = [
  'number',
  'name',
  'params',
  'connections',
  'epochs',
  'batchSize',
  'backend',
  'secondsPerEpoch',
  'bestValAcc',
  'testError',
  'startedAt',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDirection = 'asc' | 'desc';
export interface SortOrder {
  key: SortKey;
  dir: SortDirection;
}

/** Newest run first. */
export const DEFAULT_SORT: SortOrder = { key: 'number', dir: 'desc' };

/** The value a column sorts by; null when the run has none (not scored yet, say). */
export function sortValue(r: RunRecord, key: SortKey): number | string | null {
  switch (key) {
    case 'epochs':
      return r.epochs.length;
    case 'batchSize':
      return r.settings.batchSize;
    case 'name':
    case 'backend':
      return r[key] || null;
    default: {
      const v = r[key];
      return Number.isFinite(v) ? v : null;
    }
  }
}

function compare(a: number | string, b: number | string): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), 'en', { numeric: true, sensitivity: 'base' });
}

/** A sorted copy; ties keep run-number order so the table does not jump around. */
export function sortRuns(runs: readonly RunRecord[], order: SortOrder): RunRecord[] {
  const sign = order.dir === 'asc' ? 1 : -1;
  return runs.slice().sort((a, b) => {
    const va = sortValue(a, order.key);
    const vb = sortValue(b, order.key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else {
      const c = compare(va, vb);
      if (c !== 0) return sign * c;
    }
    return sign * (a.number - b.number);
  });
}

/** Clicking a column: the same column flips direction; a new one starts with its natural order. */
export function nextSort(current: SortOrder, key: SortKey): SortOrder {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  // Best first: lower error and time, higher accuracy; newest first for numbers and dates.
  const descending: readonly SortKey[] = ['number', 'bestValAcc', 'startedAt', 'params', 'connections', 'epochs'];
  return { key, dir: descending.includes(key) ? 'desc' : 'asc' };
}
