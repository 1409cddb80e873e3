// Persistence state: autosave status, what was restored, saved models, and persistence errors.

import type { Architecture } from '../model/architecture';
import type { StorageInfo, TabRole } from './tabs';

/** A named model as the Models list shows it (its weights live in the weights store). */
export interface SavedModelMeta {
  id: string;
  name: string;
  savedAt: number;
  /** Bytes it takes in the browser: weights as 32-bit floats plus the architecture JSON. */
  bytes: number;
  /** Epochs its weights were trained; null when it was saved without weights. */
  epochsDone: number | null;
  architecture: Architecture;
}

export interface AutosaveStatus {
  state: 'off' | 'saving' | 'saved' | 'error';
  /** When the architecture and settings were last written. */
  savedAt: number | null;
  /** Epochs of the weights last written for the current network; null when none are saved. */
  weightsEpoch: number | null;
  error: string | null;
}

export interface PersistSlice {
  autosave: AutosaveStatus;
  /** A one-off report: what a reload restored, what was opened or imported. */
  persistInfo: string | null;
  /** A save, open, import or export that failed; what was there before is untouched. */
  persistError: string | null;
  models: SavedModelMeta[];
  modelsOpen: boolean;
  /** Increases whenever the worker's weights are replaced outside a run (restore, open, import). */
  weightsVersion: number;
  /** What a slow persistence action is doing ("Exporting…"), or null. */
  persistBusy: string | null;
  /** Whether this tab writes the shared autosave (one tab does; see tabs.ts). */
  tab: { role: TabRole };
  /** Storage used and left for this origin, once read; null where the browser does not say. */
  storage: StorageInfo | null;
}

export function initialPersist(): PersistSlice {
  return {
    autosave: { state: 'off', savedAt: null, weightsEpoch: null, error: null },
    persistInfo: null,
    persistError: null,
    models: [],
    modelsOpen: false,
    weightsVersion: 0,
    persistBusy: null,
    tab: { role: 'alone' },
    storage: null,
  };
}
