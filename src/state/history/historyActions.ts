// Run history actions: load from and save to IndexedDB, delete and restore, pick runs to overlay, open in the builder.

import { parseArchitecture, serializeArchitecture } from '../../model/parse';
import { commitArchitecture } from '../builderActions';
import { keyOf } from '../selectors';
import { dbAll, dbDelete, dbPut, STORES } from '../db';
import { useAppStore } from '../store';
import type { HistoryState } from './historySlice';
import type { RunRecord } from './record';
import { readRecord } from './record';
import type { SortKey } from './sort';
import { nextSort } from './sort';

function patch(p: Partial<HistoryState>): void {
  useAppStore.setState((s) => ({ history: { ...s.history, ...p } }));
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Run a storage write, counting it in `saving` while it is in flight. */
async function tracked(write: () => Promise<void>): Promise<void> {
  useAppStore.setState((s) => ({ history: { ...s.history, saving: s.history.saving + 1 } }));
  try {
    await write();
  } finally {
    useAppStore.setState((s) => ({ history: { ...s.history, saving: s.history.saving - 1 } }));
  }
}
const runs = () => useAppStore.getState().history.runs;

/** Put a record in the table now and in IndexedDB soon; a failed write is reported, not lost from view. */
export async function saveRecord(record: RunRecord): Promise<void> {
  useAppStore.setState((s) => {
    const others = s.history.runs.filter((r) => r.id !== record.id);
    return { history: { ...s.history, runs: [...others, record] } };
  });
  try {
    await tracked(() => dbPut(STORES.runs, record.id, record));
  } catch (e) {
    patch({ error: `Run #${record.number} could not be saved: ${message(e)}` });
  }
}

/** The next run number, one above every run known so far. */
export function nextRunNumber(): number {
  return runs().reduce((m, r) => Math.max(m, r.number), 0) + 1;
}

/**
 * Read the stored runs. Runs recorded in this page before the read finished are kept (and
 * renumbered after the stored ones); a stored run still marked running was cut off by a reload.
 */
export async function loadHistory(): Promise<void> {
  let stored: unknown[];
  try {
    stored = await dbAll<unknown>(STORES.runs);
  } catch (e) {
    patch({ status: 'error', error: `The run history could not be read: ${message(e)}` });
    return;
  }
  const loaded = stored.map(readRecord).filter((r): r is RunRecord => r !== null);
  const skipped = stored.length - loaded.length;
  const inMemory = runs();
  const cutOff: RunRecord[] = [];
  const storedOnly = loaded
    .filter((r) => !inMemory.some((m) => m.id === r.id))
    .map((r) => {
      if (r.outcome !== 'running') return r;
      const interrupted: RunRecord = { ...r, outcome: 'interrupted', message: 'The page was closed or reloaded during this run.' };
      cutOff.push(interrupted);
      return interrupted;
    });
  const top = storedOnly.reduce((m, r) => Math.max(m, r.number), 0);
  const renumbered = inMemory
    .filter((r) => r.number <= top)
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((r, i): RunRecord => ({ ...r, number: top + i + 1 }));
  const current = inMemory.map((r) => renumbered.find((n) => n.id === r.id) ?? r);
  patch({
    status: 'ready',
    runs: [...storedOnly, ...current],
    error: skipped > 0 ? `${skipped} stored run${skipped === 1 ? '' : 's'} could not be read and ${skipped === 1 ? 'is' : 'are'} not shown.` : null,
  });
  await Promise.all([...cutOff, ...renumbered].map(saveRecord));
}

export async function deleteRun(id: string): Promise<void> {
  const s = useAppStore.getState().history;
  const record = s.runs.find((r) => r.id === id);
  if (!record) return;
  patch({ runs: s.runs.filter((r) => r.id !== id), compare: s.compare.filter((c) => c !== id), deleted: record });
  try {
    await tracked(() => dbDelete(STORES.runs, id));
  } catch (e) {
    patch({ error: `Run #${record.number} could not be deleted from storage: ${message(e)}` });
  }
}

export async function undoDelete(): Promise<void> {
  const record = useAppStore.getState().history.deleted;
  if (!record) return;
  patch({ deleted: null });
  await saveRecord(record);
}

export function toggleCompare(id: string): void {
  const compare = useAppStore.getState().history.compare;
  patch({ compare: compare.includes(id) ? compare.filter((c) => c !== id) : [...compare, id] });
}

export function setCompare(ids: string[]): void {
  patch({ compare: ids });
}

export function sortBy(key: SortKey): void {
  patch({ sort: nextSort(useAppStore.getState().history.sort, key) });
}

export function dismissHistoryError(): void {
  patch({ error: null });
}

/**
 * Load a past run's network into the builder as an undoable edit (which asks first when it would
 * discard trained weights). Returns false, with a message, when the stored network is unusable.
 */
export function openRunInBuilder(id: string): boolean {
  const record = runs().find((r) => r.id === id);
  if (!record) return false;
  const parsed = parseArchitecture(serializeArchitecture(record.architecture));
  if (!parsed.ok) {
    patch({ error: `Run #${record.number}'s network cannot be opened: ${parsed.error}` });
    return false;
  }
  // The same network already: nothing to change, and no reason to offer discarding its weights.
  if (keyOf(useAppStore.getState().architecture) !== keyOf(parsed.architecture)) {
    commitArchitecture(parsed.architecture);
  }
  return true;
}
