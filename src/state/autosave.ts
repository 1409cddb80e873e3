// Autosave to IndexedDB (network and settings on every edit, weights every epoch) and restore on load.

import type { Architecture } from '../model/architecture';
import { parseArchitecture } from '../model/parse';
import { findPresetId } from '../model/presets';
import type { TrainSettings } from '../model/training';
import { mergeSettings } from '../model/training';
import type { BackendChoice, TrainedWeights } from '../train/protocol';
import { BACKENDS } from '../train/protocol';
import { dbDelete, dbGet, dbPut, STORES, StorageError } from './db';
import { saveModel } from './models';
import type { StoredWeights } from './savedWeights';
import { adoptWeights, canonical, CURRENT_WEIGHTS, putWeights, readStoredWeights, sameNetwork } from './savedWeights';
import type { AppState } from './store';
import type { RunEvent } from './runEvents';
import { onRunEvent } from './runEvents';
import { weightsFit } from './selectors';
import { useAppStore } from './store';
import { ownsSaving, refreshStorage, startTabs, takeOver } from './tabs';
import { setBackendChoice } from './trainingActions';
import { askWorker } from './worker';

/** Edits closer together than this are written once. */
const DEBOUNCE_MS = 300;

interface SavedState {
  architecture: Architecture;
  settings: TrainSettings;
  backendChoice?: BackendChoice;
  savedAt: number;
}

/** Written while a run is in progress, so a reload can tell the learner it was interrupted. */
interface RunMarker {
  active: boolean;
  startedAt: number;
}

const STATE_KEY = 'current';
const RUN_KEY = 'run';

function failed(e: unknown): void {
  const message = e instanceof StorageError ? e.message : `Saving failed: ${e instanceof Error ? e.message : String(e)}.`;
  useAppStore.setState((s) => ({ autosave: { ...s.autosave, state: 'error', error: `Autosave failed. ${message} Nothing already saved was lost.` } }));
}

function saved(patch: Partial<AppState['autosave']> = {}): void {
  useAppStore.setState((s) => ({ autosave: { ...s.autosave, state: 'saved', savedAt: Date.now(), error: null, ...patch } }));
}

function describeRestore(weights: StoredWeights | null, interrupted: boolean): string {
  if (weights && interrupted) {
    return `Restored the weights from epoch ${weights.epochsDone}; the run in progress was interrupted, so at most epoch ${weights.epochsDone + 1} was lost. Continue trains on from here.`;
  }
  if (weights) return `Restored your network and its weights from epoch ${weights.epochsDone}; it is ready to use.`;
  if (interrupted) return 'The run in progress was interrupted before its first epoch ended, so it had no weights to keep. Train again to start over.';
  return 'Restored your network from your last visit.';
}

/**
 * Put back what was saved. A share link in the address wins over the saved network; the saved
 * one, if it was different and worth keeping, goes into Models so nothing is lost.
 */
/** What the address opened: a network, and whether it also set the training settings (a lesson). */
export interface LinkOpened {
  network: boolean;
  settings: boolean;
}

async function restore(link: LinkOpened): Promise<void> {
  const linkOpened = link.network;
  const [state, rawWeights, marker] = await Promise.all([
    dbGet<SavedState>(STORES.state, STATE_KEY),
    dbGet<unknown>(STORES.weights, CURRENT_WEIGHTS),
    dbGet<RunMarker>(STORES.state, RUN_KEY),
  ]);
  const weights = readStoredWeights(rawWeights);
  const interrupted = marker?.active === true;
  const parsedArch = state ? parseArchitecture(JSON.stringify(state.architecture ?? null)) : null;
  const savedArch = parsedArch?.ok ? parsedArch.architecture : undefined;
  if (state && !link.settings) useAppStore.setState({ settings: mergeSettings(state.settings) });
  const choice = state?.backendChoice;
  if (choice && (choice === 'auto' || (BACKENDS as readonly string[]).includes(choice)) && choice !== useAppStore.getState().backendChoice) setBackendChoice(choice);
  const s = useAppStore.getState();
  const untouched = s.past.length === 0 && s.future.length === 0;
  if (savedArch && !linkOpened && untouched) {
    useAppStore.setState({ architecture: savedArch });
  } else if (savedArch && linkOpened && !sameNetwork(savedArch, s.architecture)) {
    const savedWeights = weights && sameNetwork(weights.architecture, savedArch) ? weights : null;
    if (savedWeights || !findPresetId(savedArch)) {
      const name = `Before opening a link, ${new Date().toLocaleString()}`;
      await saveModel(name, savedArch, savedWeights);
      useAppStore.setState({ persistInfo: `Opened the network in the link. Your previous network is kept in Models as “${name}”.` });
    }
  }
  if (interrupted) await dbPut<RunMarker>(STORES.state, RUN_KEY, { active: false, startedAt: marker.startedAt });
  const arch = useAppStore.getState().architecture;
  const usable = weights && sameNetwork(weights.architecture, arch) ? weights : null;
  if (usable) {
    const error = await adoptWeights(arch, usable, usable.epochsDone);
    if (error) {
      useAppStore.setState({ persistError: `The saved weights could not be restored: ${error}` });
      return;
    }
    useAppStore.setState((st) => ({ autosave: { ...st.autosave, weightsEpoch: usable.epochsDone } }));
  }
  // An interrupted run is reported against the weights it left, not against another network's.
  const lostRun = interrupted && (usable !== null || weights === null);
  if ((!linkOpened && state) || usable || lostRun) {
    useAppStore.setState((st) => ({ persistInfo: st.persistInfo ?? describeRestore(usable, lostRun) }));
  }
}

async function recoverAfterCrash(): Promise<void> {
  const weights = readStoredWeights(await dbGet<unknown>(STORES.weights, CURRENT_WEIGHTS).catch(() => undefined));
  const arch = useAppStore.getState().architecture;
  if (!weights || !sameNetwork(weights.architecture, arch)) return;
  const error = await adoptWeights(arch, weights, weights.epochsDone);
  if (!error) {
    useAppStore.setState((s) => ({
      persistInfo: `Restored the saved weights from epoch ${weights.epochsDone} into the restarted worker.`,
      autosave: { ...s.autosave, weightsEpoch: weights.epochsDone },
    }));
  }
}

/** Write the network and settings; false when this tab does not own the autosave (another tab does). */
async function writeState(): Promise<boolean> {
  const { architecture, settings, backendChoice } = useAppStore.getState();
  if (!ownsSaving()) return false;
  // An emptied field is NaN, which JSON cannot hold; keep the last network that reads back.
  if (canonical(architecture) === null) return true;
  await dbPut<SavedState>(STORES.state, STATE_KEY, { architecture, settings, backendChoice, savedAt: Date.now() });
  void refreshStorage();
  return true;
}

/**
 * This tab takes over the autosave from another: first keep what that tab saved (in Models, when
 * it is another network worth keeping), then write this tab's network and weights in its place.
 */
async function becomeOwner(): Promise<void> {
  const [state, rawWeights] = await Promise.all([dbGet<SavedState>(STORES.state, STATE_KEY), dbGet<unknown>(STORES.weights, CURRENT_WEIGHTS)]);
  const parsed = state ? parseArchitecture(JSON.stringify(state.architecture ?? null)) : null;
  const theirs = parsed?.ok ? parsed.architecture : null;
  const weights = readStoredWeights(rawWeights);
  const s = useAppStore.getState();
  if (theirs && !sameNetwork(theirs, s.architecture)) {
    const theirWeights = weights && sameNetwork(weights.architecture, theirs) ? weights : null;
    if (theirWeights || !findPresetId(theirs)) {
      const name = `From another tab, ${new Date().toLocaleString()}`;
      await saveModel(name, theirs, theirWeights);
      useAppStore.setState({ persistInfo: `This tab now saves your work. The network the other tab had saved is kept in Models as “${name}”.` });
    }
  }
  useAppStore.setState({ tab: { role: 'owner' } });
  await writeState();
  if (weightsFit(s)) {
    const answer = await askWorker('getWeights', {});
    const t = answer.ok ? answer.value : null;
    if (t) await putWeights(CURRENT_WEIGHTS, { architecture: s.architecture, epochsDone: t.epochsDone, values: t.weights.values, shapes: t.weights.shapes, savedAt: Date.now() });
  } else if (weights) {
    await dbDelete(STORES.weights, CURRENT_WEIGHTS); // they belong to the other tab's network, kept above
  }
  saved();
}

/** Save from this tab from now on (the learner pressed “Save this tab instead”). */
export function takeOverSaving(): void {
  takeOver(() => becomeOwner().catch(failed));
}

/** The worker's weights at the end of an epoch (or a stop), for the current run only. */
async function writeWeights(runId: number, trained: TrainedWeights): Promise<void> {
  const run = useAppStore.getState().run;
  if (!run || run.id !== runId || !ownsSaving()) return;
  const { architecture, epochsDone, weights } = trained;
  await putWeights(CURRENT_WEIGHTS, { architecture, epochsDone, values: weights.values, shapes: weights.shapes, savedAt: Date.now() });
  void refreshStorage();
  // The state stays as the network's own write left it ('saving' while an edit waits).
  useAppStore.setState((s) => ({ autosave: { ...s.autosave, savedAt: Date.now(), weightsEpoch: epochsDone } }));
}

/**
 * Restore what was saved, then keep saving. `linkOpened`: the page was opened with a share link
 * (which url.ts has already loaded). Returns the function that stops autosaving.
 */
export function startAutosave(opened: Promise<LinkOpened>): () => void {
  let timer: number | undefined;
  let stopped = false;
  const unsubscribers: (() => void)[] = [];
  const flush = () => {
    if (timer === undefined) return;
    window.clearTimeout(timer);
    timer = undefined;
    writeState().then((written) => written && saved(), failed);
  };
  const onHide = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  const begin = () => {
    if (stopped) return;
    useAppStore.setState((s) => ({ autosave: { ...s.autosave, state: 'saved', savedAt: s.autosave.savedAt } }));
    unsubscribers.push(
      useAppStore.subscribe((s, prev) => {
        if (s.architecture !== prev.architecture || s.settings !== prev.settings || s.backendChoice !== prev.backendChoice) {
          // 'saving' until the write lands, so nobody takes a pending edit for a saved one.
          if (s.autosave.state !== 'saving') useAppStore.setState({ autosave: { ...s.autosave, state: 'saving' } });
          window.clearTimeout(timer);
          timer = window.setTimeout(() => {
            timer = undefined;
            writeState().then((written) => written && saved(), failed);
          }, DEBOUNCE_MS);
        }
      }),
    );
    // Writes happen one after another, so an older epoch never lands after a newer one.
    let queue = Promise.resolve();
    const marker = (active: boolean) => (ownsSaving() ? dbPut<RunMarker> : () => Promise.resolve())(STORES.state, RUN_KEY, { active, startedAt: useAppStore.getState().run?.startedAt ?? 0 }).catch(failed);
    const forgetWeightsEpoch = () => useAppStore.setState((st) => ({ autosave: { ...st.autosave, weightsEpoch: null } }));
    unsubscribers.push(
      onRunEvent((e: RunEvent) => {
        switch (e.type) {
          case 'started':
            void marker(true);
            break;
          case 'ended':
            void marker(false);
            break;
          case 'weights':
            queue = queue.then(() => writeWeights(e.runId, e.trained)).catch(failed);
            break;
          case 'discarded':
            // The learner threw the weights away: forget the saved copy too.
            forgetWeightsEpoch();
            if (ownsSaving()) queue = queue.then(() => dbDelete(STORES.weights, CURRENT_WEIGHTS)).catch(failed);
            break;
          case 'workerLost':
            forgetWeightsEpoch(); // the saved copy stays, for the replacement
            break;
          case 'workerBack':
            void recoverAfterCrash();
            break;
          case 'progress':
            break;
          default: {
            const unknown: never = e;
            throw new Error(`Unhandled run event ${JSON.stringify(unknown)}`);
          }
        }
      }),
    );
    void refreshStorage(true);
    // Only once this tab knows whether it owns the autosave does it write anything.
    void startTabs(() => becomeOwner().catch(failed)).then(() => writeState().then((written) => written && saved(), failed));
    document.addEventListener('visibilitychange', onHide);
  };
  opened
    .then(restore)
    .catch((e: unknown) => useAppStore.setState({ persistError: `Your saved work could not be read: ${e instanceof Error ? e.message : String(e)}` }))
    .finally(begin);
  return () => {
    stopped = true;
    flush();
    unsubscribers.forEach((u) => u());
    document.removeEventListener('visibilitychange', onHide);
  };
}
