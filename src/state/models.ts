// Named models in IndexedDB: save as, open, rename, delete; and opening any trained model in the app.

import type { Architecture } from '../model/architecture';
import { parseArchitecture, serializeArchitecture } from '../model/parse';
import type { WeightsData } from '../train/protocol';
import { commitArchitecture, guardedEdit } from './builderActions';
import { nonFiniteProblem } from '../model/finite';
import { dbAll, dbDelete, dbGet, dbPut, STORES, StorageError } from './db';
import type { SavedModelMeta } from './persistSlice';
import type { StoredWeights } from './savedWeights';
import { adoptWeights, canonical, CURRENT_WEIGHTS, modelWeightsKey, putWeights, readStoredWeights, weightsBytes } from './savedWeights';
import { isRunning, weightsFit } from './selectors';
import { useAppStore } from './store';
import { ownsSaving } from './tabs';
import { askWorker } from './worker';

export const MAX_NAME_LENGTH = 80;

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

function fail(text: string): void {
  useAppStore.setState({ persistError: text, persistBusy: null });
}

/** A name as typed, trimmed and checked; or why it cannot be used. */
function cleanName(raw: string, exceptId?: string): { ok: true; name: string } | { ok: false; error: string } {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) return { ok: false, error: 'Give the model a name.' };
  if (name.length > MAX_NAME_LENGTH) return { ok: false, error: `Names are at most ${MAX_NAME_LENGTH} characters.` };
  const taken = useAppStore.getState().models.some((m) => m.name === name && m.id !== exceptId);
  return taken ? { ok: false, error: `There is already a model named “${name}”; pick another name or delete that one first.` } : { ok: true, name };
}

function readMeta(value: unknown): SavedModelMeta | null {
  if (typeof value !== 'object' || value === null) return null;
  const m = value as Partial<SavedModelMeta>;
  const parsed = parseArchitecture(JSON.stringify(m.architecture ?? null));
  if (typeof m.id !== 'string' || typeof m.name !== 'string' || !parsed.ok) return null;
  return {
    id: m.id,
    name: m.name.slice(0, MAX_NAME_LENGTH),
    savedAt: Number(m.savedAt) || 0,
    bytes: Number(m.bytes) || 0,
    epochsDone: typeof m.epochsDone === 'number' ? m.epochsDone : null,
    architecture: parsed.architecture,
  };
}

export async function refreshModels(): Promise<void> {
  try {
    const all = (await dbAll<unknown>(STORES.models)).map(readMeta).filter((m): m is SavedModelMeta => m !== null);
    useAppStore.setState({ models: all.sort((a, b) => b.savedAt - a.savedAt) });
  } catch (e) {
    fail(`The saved models could not be read: ${message(e)}`);
  }
}

/** Store a model: weights first, then the entry that lists it, so a failure leaves no half model. */
export async function saveModel(name: string, architecture: Architecture, weights: StoredWeights | null): Promise<SavedModelMeta> {
  const id = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  const meta: SavedModelMeta = {
    id,
    name,
    savedAt: Date.now(),
    bytes: serializeArchitecture(architecture).length + (weights ? weightsBytes(weights) : 0),
    epochsDone: weights ? weights.epochsDone : null,
    architecture,
  };
  if (weights) await putWeights(modelWeightsKey(id), weights);
  try {
    await dbPut(STORES.models, id, meta);
  } catch (e) {
    await dbDelete(STORES.weights, modelWeightsKey(id)).catch(() => undefined);
    throw e;
  }
  await refreshModels();
  return meta;
}

/** Save the network being edited, with the worker's weights when they belong to it. */
export async function saveCurrentAs(rawName: string): Promise<boolean> {
  const checked = cleanName(rawName);
  if (!checked.ok) {
    fail(checked.error);
    return false;
  }
  const s = useAppStore.getState();
  const architecture = s.architecture;
  if (canonical(architecture) === null) {
    fail('The network has an empty or invalid field; fix it before saving.');
    return false;
  }
  useAppStore.setState({ persistBusy: 'Saving…', persistError: null });
  try {
    let weights: StoredWeights | null = null;
    if (weightsFit(s)) {
      const answer = await askWorker('getWeights', {});
      if (!answer.ok) throw new Error(answer.error);
      const t = answer.value;
      if (t && t.key === s.trainedKey) weights = { architecture, epochsDone: t.epochsDone, values: t.weights.values, shapes: t.weights.shapes, savedAt: Date.now() };
    }
    const meta = await saveModel(checked.name, architecture, weights);
    useAppStore.setState({ persistBusy: null, persistInfo: `Saved “${meta.name}”${weights ? ` with its weights from epoch ${weights.epochsDone}` : ' (not trained yet, so without weights)'}.` });
    return true;
  } catch (e) {
    fail(e instanceof StorageError ? `“${checked.name}” was not saved. ${e.message}` : `“${checked.name}” was not saved: ${message(e)}`);
    return false;
  }
}

/**
 * Make `architecture` (and its `weights`, if any) the network being edited, as one undoable
 * step. Asks first when that would discard trained weights; refused while a run is in progress.
 */
export function openNetwork(architecture: Architecture, weights: WeightsData | null, epochsDone: number, label: string): void {
  if (isRunning(useAppStore.getState())) {
    fail('Stop training before opening another model.');
    return;
  }
  guardedEdit(() => {
    commitArchitecture(architecture);
    // The store's own object: its JSON is what trainedKey must equal.
    const current = useAppStore.getState().architecture;
    if (!weights) {
      useAppStore.setState({ persistInfo: `Opened ${label}.`, persistError: null, modelsOpen: false });
      return;
    }
    useAppStore.setState({ persistBusy: 'Loading the weights…' });
    void adoptWeights(current, weights, epochsDone).then(async (error) => {
      if (error) {
        fail(`${label} was opened without its weights: ${error}`);
        return;
      }
      useAppStore.setState({ persistBusy: null, persistError: null, modelsOpen: false, persistInfo: `Opened ${label} with its weights from epoch ${epochsDone}.` });
      // It is now the current model: a reload should bring it back. The status says so once it is written.
      if (!ownsSaving()) return; // another tab owns the autosave
      try {
        await putWeights(CURRENT_WEIGHTS, { architecture: current, epochsDone, ...weights, savedAt: Date.now() });
        useAppStore.setState((s) => ({ autosave: { ...s.autosave, savedAt: Date.now(), weightsEpoch: epochsDone } }));
      } catch (e) {
        useAppStore.setState({ persistError: `The opened weights work, but autosave failed: ${message(e)}` });
      }
    });
  });
}

export async function openModel(id: string): Promise<void> {
  try {
    const meta = readMeta(await dbGet<unknown>(STORES.models, id));
    if (!meta) {
      fail('That model could not be read; it may have been deleted in another tab.');
      await refreshModels();
      return;
    }
    const weights = meta.epochsDone === null ? null : readStoredWeights(await dbGet<unknown>(STORES.weights, modelWeightsKey(id)));
    if (meta.epochsDone !== null && !weights) {
      fail(`The weights of “${meta.name}” could not be read; nothing was changed.`);
      return;
    }
    const problem = weights ? nonFiniteProblem(weights.values) : null;
    if (problem) {
      fail(`“${meta.name}” was not opened: ${problem} Nothing was changed.`);
      return;
    }
    openNetwork(meta.architecture, weights, weights?.epochsDone ?? 0, `“${meta.name}”`);
  } catch (e) {
    fail(`The model could not be opened: ${message(e)}`);
  }
}

export async function renameModel(id: string, rawName: string): Promise<boolean> {
  const checked = cleanName(rawName, id);
  const meta = useAppStore.getState().models.find((m) => m.id === id);
  if (!checked.ok || !meta) {
    fail(checked.ok ? 'That model no longer exists.' : checked.error);
    return false;
  }
  try {
    await dbPut(STORES.models, id, { ...meta, name: checked.name });
    await refreshModels();
    useAppStore.setState({ persistError: null });
    return true;
  } catch (e) {
    fail(`The model was not renamed: ${message(e)}`);
    return false;
  }
}

export async function deleteModel(id: string): Promise<void> {
  try {
    await dbDelete(STORES.models, id);
    await dbDelete(STORES.weights, modelWeightsKey(id));
    await refreshModels();
  } catch (e) {
    fail(`The model was not deleted: ${message(e)}`);
  }
}
