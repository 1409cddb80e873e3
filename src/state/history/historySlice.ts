// Run history state: the stored runs, which are overlaid, the table's order, and storage problems.

import type { RunRecord } from './record';
import type { SortOrder } from './sort';
import { DEFAULT_SORT } from './sort';

export interface HistoryState {
  status: 'loading' | 'ready' | 'error';
  runs: RunRecord[];
  /** Ids of the runs whose curves are overlaid, in the order they were picked. */
  compare: string[];
  sort: SortOrder;
  /** The run deleted last, so one click can bring it back. */
  deleted: RunRecord | null;
  /** A storage or loading problem to show (the runs in memory are kept). */
  error: string | null;
  /** Writes to IndexedDB still in flight (0 when everything shown is stored). */
  saving: number;
}

export interface HistorySlice {
  history: HistoryState;
}

export function initialHistory(): HistorySlice {
  return { history: { status: 'loading', runs: [], compare: [], sort: DEFAULT_SORT, deleted: null, error: null, saving: 0 } };
}
