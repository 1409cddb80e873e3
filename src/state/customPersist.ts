// Keeps the learner's own datasets in IndexedDB: restored on load, written after every change, nothing lost on a reload or crash.
//
// Each set is stored as the text of its dataset file, so what comes back is checked exactly as an
// imported file is (a record written by another version, or damaged, is refused, kept aside, and
// reported rather than lost).

import { exampleCount, parseCustomDataset, serializeCustomDataset } from '../data/customDataset';
import type { CustomDataset } from '../data/customDataset';
import { dbGet, dbPut, STORES, StorageError } from './db';
import type { CustomWhich } from './customSlice';
import { useAppStore } from './store';

export const RECORD_KEYS: Record<CustomWhich, string> = { custom: 'customDataset', myDigits: 'myDigits' };
const FIELD: Record<CustomWhich, 'customDataset' | 'myDigits'> = { custom: 'customDataset', myDigits: 'myDigits' };
const WHICH: readonly CustomWhich[] = ['custom', 'myDigits'];

const errorText = (e: unknown) => (e instanceof StorageError ? e.message : e instanceof Error ? e.message : String(e));

async function restoreOne(which: CustomWhich): Promise<CustomDataset | null> {
  const key = RECORD_KEYS[which];
  const text = await dbGet<unknown>(STORES.state, key);
  if (text === undefined) return null;
  const result = typeof text === 'string' ? parseCustomDataset(text, { minClasses: 0 }) : { ok: false as const, error: 'it is not a dataset file' };
  if (result.ok) return result.dataset;
  // Kept aside, so the next save cannot overwrite what may still be recovered.
  await dbPut(STORES.state, `${key}-unreadable-${Date.now()}`, text).catch(() => undefined);
  throw new Error(`Your saved ${which === 'custom' ? 'classes' : 'digits'} could not be read (${result.error}); they were kept aside and the editor starts empty.`);
}

/** One writer per set: a change during a write is written right after it, the newest version only. */
function writer(which: CustomWhich): (dataset: CustomDataset) => void {
  let writing = false;
  let next: CustomDataset | null = null;
  const flush = async () => {
    writing = true;
    while (next) {
      const dataset = next;
      next = null;
      try {
        await dbPut(STORES.state, RECORD_KEYS[which], serializeCustomDataset(dataset));
      } catch (e) {
        useAppStore.setState({ customError: `Saving your ${which === 'custom' ? 'classes' : 'digits'} failed: ${errorText(e)} What was saved before is kept.` });
      }
    }
    writing = false;
  };
  return (dataset) => {
    next = dataset;
    if (!writing) void flush();
  };
}

/** Restore both sets, then keep writing them as they change. Resolves once restored. */
export async function startCustomPersistence(): Promise<void> {
  const errors: string[] = [];
  const restored: Partial<Record<CustomWhich, CustomDataset>> = {};
  for (const which of WHICH) {
    try {
      const dataset = await restoreOne(which);
      if (dataset) restored[which] = dataset;
    } catch (e) {
      errors.push(errorText(e));
    }
  }
  const examples = (restored.custom ? exampleCount(restored.custom) : 0) + (restored.myDigits ? exampleCount(restored.myDigits) : 0);
  useAppStore.setState((s) => ({
    // An edit made before the restore finished (a very fast learner) wins over the saved set.
    customDataset: restored.custom && s.customPast.length === 0 ? restored.custom : s.customDataset,
    myDigits: restored.myDigits && s.customPast.length === 0 ? restored.myDigits : s.myDigits,
    customLoaded: true,
    customError: errors.length > 0 ? errors.join(' ') : s.customError,
    customInfo: examples > 0 ? `Restored your ${examples} example${examples === 1 ? '' : 's'} from your last visit.` : s.customInfo,
  }));
  const write = { custom: writer('custom'), myDigits: writer('myDigits') };
  useAppStore.subscribe((s, prev) => {
    for (const which of WHICH) if (s[FIELD[which]] !== prev[FIELD[which]]) write[which](s[FIELD[which]]);
  });
}
